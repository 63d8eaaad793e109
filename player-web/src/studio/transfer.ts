/** Pure helpers for the upload panel: sizes, speed and time left in words. */

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** A byte count for people: `850 B`, `12.4 MB`, `1.2 GB` (decimal, as file browsers show). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

/** A speed for people: `3.2 MB/s`. */
export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Time left for people: `45 s`, `12 min`, `2 h 05 min`; `–` when unknown. */
export function formatTimeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * Measures speed over a sliding window of recent progress samples, so a pause or a burst does not
 * swing the estimate. Time is passed in (milliseconds), never read here.
 */
export class SpeedMeter {
  private samples: { at: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  /** Records that `bytes` were sent by time `at`. */
  add(at: number, bytes: number): void {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - (this.samples[0]?.at ?? at) > this.windowMs) this.samples.shift();
  }

  /** Forgets the history (after a pause: the gap is not slowness). */
  reset(): void {
    this.samples = [];
  }

  /** Bytes per second over the window; 0 until two samples are apart in time. */
  bytesPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (first === undefined || last === undefined || first === last) return 0;
    const ms = last.at - first.at;
    return ms <= 0 ? 0 : ((last.bytes - first.bytes) * 1000) / ms;
  }

  /** Seconds until `total` bytes at the current speed; Infinity when unknown. */
  secondsLeft(total: number): number {
    const speed = this.bytesPerSecond();
    const last = this.samples[this.samples.length - 1];
    if (speed <= 0 || last === undefined) return Infinity;
    return Math.max(0, (total - last.bytes) / speed);
  }
}
