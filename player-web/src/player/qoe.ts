/**
 * Quality-of-experience reports: the player tells the server how playback went (startup time,
 * stalls and their length, quality switches, errors, seconds watched) through
 * `POST /api/playback/{session}/events`, batched every few seconds and flushed at once on the
 * events that matter; on page hide the rest leaves by `navigator.sendBeacon`. Pure apart from the
 * injected transport and the global timers (which Vitest's fake timers drive).
 */

export type QoeEventType = 'start' | 'heartbeat' | 'stall' | 'quality' | 'error' | 'end';

/** One event as the server reads it; `position` and `watched` are seconds. */
export interface QoeEvent {
  readonly type: QoeEventType;
  readonly position: number;
  readonly watched: number;
  readonly startupMs?: number;
  readonly stallMs?: number;
  readonly height?: number;
  readonly bitrate?: number;
  readonly message?: string;
}

/** How the reporter reaches the server. */
export interface QoeTransport {
  /** POSTs JSON; resolves to the HTTP status, 0 when the network failed. */
  post(url: string, body: string): Promise<number>;
  /** Queues JSON for delivery after the page is gone; false when the browser refused. */
  beacon(url: string, body: string): boolean;
}

/** What the player looks like right now, read for each heartbeat. */
export interface PlayerSample {
  readonly position: number;
  readonly watched: number;
  /** Heartbeats are sent only while playing: a paused tab costs the server nothing. */
  readonly playing: boolean;
  readonly height: number;
  readonly bitrate: number;
}

export interface QoeOptions {
  /** Between heartbeats, in milliseconds. */
  readonly intervalMs?: number;
  /** Events kept while the server cannot be reached; the oldest heartbeats go first. */
  readonly maxQueued?: number;
  /** Called once when the server answers 410: the viewing session ended (revoked, expired). */
  readonly onGone?: () => void;
}

/** The heartbeat period the server expects. */
export const HEARTBEAT_MS = 5000;
const MAX_QUEUED = 100;
/** These are sent at once; the rest wait for the next heartbeat. */
const URGENT: ReadonlySet<QoeEventType> = new Set(['start', 'error', 'end']);

/** Where a session's events go. */
export const eventsUrl = (session: string): string => `/api/playback/${encodeURIComponent(session)}/events`;

/** Rounds the numbers the way the server stores them: seconds to 0.1, the rest whole. */
function tidy(event: QoeEvent): QoeEvent {
  const out: Record<string, unknown> = {
    type: event.type,
    position: Math.round(Math.max(0, event.position) * 10) / 10,
    watched: Math.round(Math.max(0, event.watched) * 10) / 10,
  };
  for (const key of ['startupMs', 'stallMs', 'height', 'bitrate'] as const) {
    const v = event[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = Math.max(0, Math.round(v));
  }
  if (event.message !== undefined && event.message !== '') out['message'] = event.message.slice(0, 500);
  return out as unknown as QoeEvent;
}

/** Batches events and sends them; see the module comment. */
export class QoeReporter {
  private queue: QoeEvent[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private inFlight = false;
  private stopped = false;
  private readonly url: string;
  private readonly intervalMs: number;
  private readonly maxQueued: number;

  constructor(
    session: string,
    private readonly transport: QoeTransport,
    private readonly sample: () => PlayerSample,
    private readonly options: QoeOptions = {},
  ) {
    this.url = eventsUrl(session);
    this.intervalMs = options.intervalMs ?? HEARTBEAT_MS;
    this.maxQueued = options.maxQueued ?? MAX_QUEUED;
  }

  /** Starts the heartbeat. */
  start(): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  /** Whether the server ended the session (410) or {@link stop} was called. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Queues an event; start, error and end are sent at once. */
  record(event: QoeEvent): void {
    if (this.stopped) return;
    this.enqueue(tidy(event));
    if (URGENT.has(event.type)) void this.flush();
  }

  /** Sends what is queued, one request at a time; a failed batch is kept for the next try. */
  async flush(): Promise<void> {
    if (this.stopped || this.inFlight || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.inFlight = true;
    let status = 0;
    try {
      status = await this.transport.post(this.url, JSON.stringify({ events: batch }));
    } catch {
      status = 0;
    } finally {
      this.inFlight = false;
    }
    if (status === 410) {
      this.end();
      this.options.onGone?.();
      return;
    }
    if (status === 0 || status >= 500 || status === 429) {
      // Worth another try: put the batch back in front of anything queued meanwhile.
      this.queue = [...batch, ...this.queue];
      this.trim();
    }
    // Other 4xx: the server will never take this batch; dropping it keeps the queue bounded.
    else if (this.queue.some((e) => URGENT.has(e.type))) {
      // An urgent event arrived while the request was out: it should not wait for a heartbeat.
      await this.flush();
    }
  }

  /** The page is being hidden or unloaded: hand everything, plus a last heartbeat, to a beacon. */
  pageHidden(): void {
    if (this.stopped) return;
    const now = this.sample();
    this.enqueue(tidy({ type: 'heartbeat', position: now.position, watched: now.watched }));
    const batch = this.queue;
    this.queue = [];
    if (!this.transport.beacon(this.url, JSON.stringify({ events: batch }))) this.queue = batch;
  }

  /** Stops for good (the page is leaving or the session ended). */
  stop(): void {
    this.end();
  }

  private tick(): void {
    const now = this.sample();
    if (now.playing) {
      this.enqueue(tidy({ type: 'heartbeat', position: now.position, watched: now.watched, height: now.height, bitrate: now.bitrate }));
    }
    void this.flush();
  }

  private enqueue(event: QoeEvent): void {
    this.queue.push(event);
    this.trim();
  }

  /** Keeps the queue bounded: drops the oldest heartbeats first, then the oldest events. */
  private trim(): void {
    while (this.queue.length > this.maxQueued) {
      const heartbeat = this.queue.findIndex((e) => e.type === 'heartbeat');
      this.queue.splice(heartbeat >= 0 ? heartbeat : 0, 1);
    }
  }

  private end(): void {
    this.stopped = true;
    this.queue = [];
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * Counts seconds actually watched: the advance of `currentTime` between two samples while
 * playing, ignoring jumps (seeks) and time spent paused or stalled.
 */
export class WatchedMeter {
  private last: number | null = null;
  private total = 0;

  /** Largest advance between two `timeupdate`s that counts as watching, in seconds. */
  static readonly MAX_STEP = 2;

  /** Feeds the position at a `timeupdate` while the video is playing. */
  update(position: number, rate = 1): void {
    if (this.last !== null) {
      const step = position - this.last;
      if (step > 0 && step <= WatchedMeter.MAX_STEP * Math.max(1, rate)) this.total += step;
    }
    this.last = position;
  }

  /** The next update starts a new run (after a seek, a pause or a stall). */
  interrupt(): void {
    this.last = null;
  }

  get seconds(): number {
    return this.total;
  }
}

/**
 * Times startup (load to first frame) and stalls (waiting for data after playback began, not
 * counting seeks). Times come from an injected clock in milliseconds.
 */
export class PlaybackTimer {
  private readonly loadAt: number;
  private startedAt: number | null = null;
  private stallSince: number | null = null;
  private seeking = false;

  constructor(private readonly now: () => number) {
    this.loadAt = now();
  }

  /** The first frame played; returns the startup time once, then null. */
  playing(): { startupMs: number } | { stallMs: number } | null {
    const t = this.now();
    if (this.startedAt === null) {
      this.startedAt = t;
      return { startupMs: t - this.loadAt };
    }
    if (this.stallSince !== null) {
      const stallMs = t - this.stallSince;
      this.stallSince = null;
      return { stallMs };
    }
    return null;
  }

  /** The video waits for data; a stall only when it had started and is not seeking. */
  waiting(): void {
    if (this.startedAt !== null && !this.seeking && this.stallSince === null) this.stallSince = this.now();
  }

  seekStarted(): void {
    this.seeking = true;
    this.stallSince = null;
  }

  seekEnded(): void {
    this.seeking = false;
  }

  get started(): boolean {
    return this.startedAt !== null;
  }
}
