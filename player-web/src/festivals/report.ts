/** The jury report as the studio shows it, pure. */

export interface JuryRow {
  readonly jurorName: string;
  readonly filmId: string;
  readonly plays: number;
  readonly secondsWatched: number;
  readonly furthest: number;
  readonly devices: number;
  readonly lastSeenAt: string | null;
}

export interface FilmFigures {
  readonly filmId: string;
  readonly title: string | null;
  readonly views: number;
  readonly minutesWatched: number;
  readonly retention: readonly number[];
  readonly startupMedianMs: number | null;
  readonly stallRatio: number;
}

/** `1 h 02 min`, `3 min 05 s`, `12 s`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

/** The retention curve as uPlot data: x in percent of the film, y in percent of views. */
export function retentionSeries(retention: readonly number[]): [number[], number[]] {
  const n = retention.length;
  return [retention.map((_, i) => Math.round((100 * i) / n)), retention.map((r) => Math.round(r * 1000) / 10)];
}

/** One line under a film's chart. */
export function figuresLine(f: FilmFigures): string {
  const startup = f.startupMedianMs === null ? 'no start yet' : `median start ${(f.startupMedianMs / 1000).toFixed(1)} s`;
  return `${f.views} views · ${f.minutesWatched} min watched · ${startup} · stalled ${(f.stallRatio * 100).toFixed(1)} % of the time`;
}
