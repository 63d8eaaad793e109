/**
 * Engine-neutral descriptions of what the viewer can choose: qualities, caption and audio
 * tracks, speeds. Each engine adapter maps its library's objects to these; the menus only see
 * these. Pure.
 */

/** One video quality (an HLS level / DASH representation). */
export interface Quality {
  /** The engine's own index for this quality. */
  readonly index: number;
  readonly height: number;
  readonly bitrate: number;
}

/** A caption or audio track. */
export interface Track {
  readonly index: number;
  /** BCP 47 tag, '' when unknown. */
  readonly language: string;
  /** The label the package gave it, '' when none. */
  readonly name: string;
}

/** One entry of a menu. `value` -1 stands for "Auto" (quality) or "Off" (captions). */
export interface MenuItem {
  readonly value: number;
  readonly label: string;
  readonly checked: boolean;
}

/** `720p`, `1080p`; very high rungs get their usual names. */
export function qualityLabel(height: number): string {
  if (height >= 2160) return '4K';
  return `${height}p`;
}

/** `3.5 Mb/s`, `900 kb/s`. */
export function bitrateLabel(bitsPerSecond: number): string {
  if (bitsPerSecond >= 1_000_000) return `${(bitsPerSecond / 1_000_000).toFixed(1)} Mb/s`;
  return `${Math.round(bitsPerSecond / 1000)} kb/s`;
}

/**
 * The quality menu: Auto first (showing what it plays now), then each height once, highest first.
 * When two renditions share a height the higher bitrate is offered.
 *
 * @param selected the chosen index, or -1 for automatic
 * @param playingHeight the height now on screen, 0 when unknown
 */
export function qualityMenu(qualities: readonly Quality[], selected: number, playingHeight: number): MenuItem[] {
  const byHeight = new Map<number, Quality>();
  for (const q of qualities) {
    const seen = byHeight.get(q.height);
    if (seen === undefined || q.bitrate > seen.bitrate) byHeight.set(q.height, q);
  }
  const sorted = [...byHeight.values()].sort((a, b) => b.height - a.height || b.bitrate - a.bitrate);
  const auto = selected < 0 && playingHeight > 0 ? `Auto (${qualityLabel(playingHeight)})` : 'Auto';
  return [
    { value: -1, label: auto, checked: selected < 0 },
    ...sorted.map((q) => ({ value: q.index, label: qualityLabel(q.height), checked: q.index === selected })),
  ];
}

const displayNames = ((): Intl.DisplayNames | null => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

/** What a track is called: its own name, else its language in words, else "Track N". */
export function trackLabel(track: Track): string {
  if (track.name.trim() !== '' && track.name !== track.language) return track.name.trim();
  if (track.language !== '' && track.language !== 'und') {
    try {
      const name = displayNames?.of(track.language);
      if (name !== undefined && name !== '') return name;
    } catch {
      // Not a valid tag: show it as it is.
    }
    return track.language;
  }
  return `Track ${track.index + 1}`;
}

/** The captions menu: Off first, then each track. */
export function captionMenu(tracks: readonly Track[], selected: number): MenuItem[] {
  return [
    { value: -1, label: 'Off', checked: selected < 0 },
    ...tracks.map((t) => ({ value: t.index, label: trackLabel(t), checked: t.index === selected })),
  ];
}

/** The audio menu: one item per track. */
export function audioMenu(tracks: readonly Track[], selected: number): MenuItem[] {
  return tracks.map((t) => ({ value: t.index, label: trackLabel(t), checked: t.index === selected }));
}

/** Speeds offered, in the order shown. */
export const SPEEDS: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5, 2];

/** `Normal`, `1.5×`. */
export function speedLabel(rate: number): string {
  return rate === 1 ? 'Normal' : `${rate}×`;
}

/** The speed menu; values are the rates times 100, so they stay integers. */
export function speedMenu(rate: number): MenuItem[] {
  return SPEEDS.map((s) => ({ value: Math.round(s * 100), label: speedLabel(s), checked: Math.abs(s - rate) < 1e-3 }));
}

/**
 * Which caption track `c` turns on: the last one used, else the one in the page's language,
 * else the first; -1 when there are none.
 */
export function captionToToggle(tracks: readonly Track[], lastUsed: number, preferredLanguage: string): number {
  if (tracks.length === 0) return -1;
  if (tracks.some((t) => t.index === lastUsed)) return lastUsed;
  const base = preferredLanguage.toLowerCase().split('-')[0] ?? '';
  const match = tracks.find((t) => t.language.toLowerCase().split('-')[0] === base);
  return (match ?? tracks[0]!).index;
}

/** `1:05`, `12:00`, `1:02:03`. */
export function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00';
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Words for screen readers: `1 hour 2 minutes 3 seconds`. */
export function spokenTime(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const parts: string[] = [];
  const unit = (n: number, word: string): void => {
    if (n > 0) parts.push(`${n} ${word}${n === 1 ? '' : 's'}`);
  };
  unit(Math.floor(total / 3600), 'hour');
  unit(Math.floor((total % 3600) / 60), 'minute');
  unit(total % 60, 'second');
  return parts.length === 0 ? '0 seconds' : parts.join(' ');
}
