/**
 * Player reports for `POST /api/playback/{session}/events`, the same shape the standard player
 * sends. Pure accounting of what was watched since the last report; the sender is separate.
 */

export type PlayerEventType = 'start' | 'heartbeat' | 'stall' | 'quality' | 'error' | 'end';

/** One report, as the server reads it. */
export interface PlayerEvent {
  readonly type: PlayerEventType;
  readonly position?: number;
  readonly watched?: number;
  readonly startupMs?: number;
  readonly stallMs?: number;
  readonly height?: number;
  readonly bitrate?: number;
  readonly message?: string;
}

/**
 * Counts media seconds actually played: the playhead's advance between samples while playing,
 * ignoring jumps (seeks) larger than the wall time that passed plus a little.
 */
export class WatchMeter {
  private lastPosition: number | null = null;
  private lastWall = 0;
  private pending = 0;

  /** Records a sample: the playhead `position` (s) at wall time `wallMs`, playing or not. */
  sample(position: number, wallMs: number, playing: boolean): void {
    if (this.lastPosition !== null && playing) {
      const advance = position - this.lastPosition;
      const wall = (wallMs - this.lastWall) / 1000;
      if (advance > 0 && advance <= wall * 2 + 0.5) this.pending += advance;
    }
    this.lastPosition = position;
    this.lastWall = wallMs;
  }

  /** Seconds watched since the last call, rounded to tenths. */
  take(): number {
    const out = Math.round(this.pending * 10) / 10;
    this.pending = 0;
    return out;
  }
}

/** Why the server stopped the session, from a 410 answer; `null` when playback may go on. */
export function stopReason(status: number, reason: string | null): string | null {
  if (status === 410 || status === 404) return reason ?? 'revoked';
  return null;
}
