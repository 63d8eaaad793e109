/** One storyboard thumbnail: a time range and a rectangle of the sprite image. */
export interface Thumbnail {
  readonly start: number;
  readonly end: number;
  /** The sprite's address, resolved against the thumbs.vtt address. */
  readonly url: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const TIMING = /^((?:\d+:)?\d{1,2}:\d{2}\.\d{3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}\.\d{3})/;
const XYWH = /^(.*)#xywh=(\d+),(\d+),(\d+),(\d+)$/;

/** `hh:mm:ss.mmm` or `mm:ss.mmm` in seconds. */
export function vttSeconds(stamp: string): number {
  const parts = stamp.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/**
 * Reads storyboard/thumbs.vtt (cues whose text is `sprite.jpg#xywh=x,y,w,h`). Cues without a
 * rectangle are skipped; the sprite address is resolved against `baseUrl`, so the signed path
 * of the package carries over.
 */
export function parseThumbnails(vtt: string, baseUrl: string): Thumbnail[] {
  const lines = vtt.replace(/\r\n?/g, '\n').split('\n');
  const thumbs: Thumbnail[] = [];
  for (let i = 0; i < lines.length - 1; i += 1) {
    const timing = TIMING.exec(lines[i]!.trim());
    if (timing === null) continue;
    const rect = XYWH.exec(lines[i + 1]!.trim());
    if (rect === null) continue;
    thumbs.push({
      start: vttSeconds(timing[1]!),
      end: vttSeconds(timing[2]!),
      url: new URL(rect[1]!, baseUrl).toString(),
      x: Number(rect[2]),
      y: Number(rect[3]),
      width: Number(rect[4]),
      height: Number(rect[5]),
    });
  }
  return thumbs;
}

/** The thumbnail shown for `seconds`, or null; cues are sorted by start, so a binary search. */
export function thumbnailAt(thumbs: readonly Thumbnail[], seconds: number): Thumbnail | null {
  let low = 0;
  let high = thumbs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const t = thumbs[mid]!;
    if (seconds < t.start) high = mid - 1;
    else if (seconds >= t.end) low = mid + 1;
    else return t;
  }
  // Past the last cue's end (rounding at the very end of the film): show the last one.
  const last = thumbs[thumbs.length - 1];
  return last !== undefined && seconds >= last.end && seconds - last.end < 1 ? last : null;
}

/** The storyboard's address beside a manifest: `.../master.m3u8` -> `.../storyboard/thumbs.vtt`. */
export function storyboardUrl(manifestUrl: string): string {
  return new URL('storyboard/thumbs.vtt', manifestUrl).toString();
}
