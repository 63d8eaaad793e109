/** What the watch page's query string may ask for. */
export interface WatchOptions {
  /** `dash` forces dash.js on the DASH manifest; `auto` picks an HLS engine. */
  readonly format: 'auto' | 'dash' | 'hls';
  readonly autoplay: boolean;
  readonly muted: boolean;
  /** Start position in seconds, from `?t=`; 0 when absent or invalid. */
  readonly startAt: number;
}

const TRUE_VALUES = new Set(['1', 'true', 'yes', '']);

function flag(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  return value !== null && TRUE_VALUES.has(value.toLowerCase());
}

/**
 * Parses `location.search` of the watch page, e.g. `?format=dash&autoplay=1&muted=1&t=30`.
 * Unknown or malformed values fall back to the defaults rather than failing the page.
 */
export function parseWatchOptions(search: string): WatchOptions {
  const params = new URLSearchParams(search);
  const rawFormat = (params.get('format') ?? '').toLowerCase();
  const format = rawFormat === 'dash' || rawFormat === 'hls' ? rawFormat : 'auto';
  const t = Number(params.get('t') ?? '0');
  return {
    format,
    autoplay: flag(params, 'autoplay'),
    muted: flag(params, 'muted'),
    startAt: Number.isFinite(t) && t > 0 ? t : 0,
  };
}
