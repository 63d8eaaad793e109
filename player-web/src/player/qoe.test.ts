import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventsUrl, PlaybackTimer, type PlayerSample, QoeReporter, type QoeTransport, WatchedMeter } from './qoe';

interface Sent {
  url: string;
  events: { type: string; [k: string]: unknown }[];
}

function transport(statuses: number[] = []): QoeTransport & { posts: Sent[]; beacons: Sent[]; beaconOk: boolean } {
  const t = {
    posts: [] as Sent[],
    beacons: [] as Sent[],
    beaconOk: true,
    post: vi.fn(async (url: string, body: string) => {
      t.posts.push({ url, events: JSON.parse(body).events });
      return statuses.shift() ?? 204;
    }),
    beacon: (url: string, body: string) => {
      t.beacons.push({ url, events: JSON.parse(body).events });
      return t.beaconOk;
    },
  };
  return t;
}

let sample: PlayerSample;
const reader = (): PlayerSample => sample;

beforeEach(() => {
  vi.useFakeTimers();
  sample = { position: 12.34, watched: 10.06, playing: true, height: 720, bitrate: 3_500_000 };
});
afterEach(() => {
  vi.useRealTimers();
});

describe('QoeReporter', () => {
  it('heartbeat_everyFiveSeconds_whilePlaying', async () => {
    const t = transport();
    const r = new QoeReporter('s1', t, reader);
    r.start();
    await vi.advanceTimersByTimeAsync(4999);
    expect(t.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.posts).toHaveLength(1);
    expect(t.posts[0]).toEqual({
      url: '/api/playback/s1/events',
      events: [{ type: 'heartbeat', position: 12.3, watched: 10.1, height: 720, bitrate: 3_500_000 }],
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.posts).toHaveLength(3);
  });

  it('heartbeat_paused_sendsNothing', async () => {
    const t = transport();
    sample = { ...sample, playing: false };
    const r = new QoeReporter('s1', t, reader);
    r.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.posts).toHaveLength(0);
  });

  it('stallAndQuality_waitForTheNextHeartbeat_inOneBatch', async () => {
    const t = transport();
    const r = new QoeReporter('s1', t, reader);
    r.start();
    r.record({ type: 'stall', position: 3, watched: 3, stallMs: 812.4 });
    r.record({ type: 'quality', position: 4, watched: 4, height: 360, bitrate: 900_000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(4000);
    expect(t.posts).toHaveLength(1);
    expect(t.posts[0]!.events.map((e) => e.type)).toEqual(['stall', 'quality', 'heartbeat']);
    expect(t.posts[0]!.events[0]).toEqual({ type: 'stall', position: 3, watched: 3, stallMs: 812 });
  });

  it.each([['start'], ['error'], ['end']] as const)('%s_isSentAtOnce', async (type) => {
    const t = transport();
    const r = new QoeReporter('s1', t, reader);
    r.start();
    r.record({ type, position: 0, watched: 0, startupMs: 420, message: 'x' });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.posts).toHaveLength(1);
    expect(t.posts[0]!.events[0]!.type).toBe(type);
  });

  it('networkFailure_keepsTheBatch_forTheNextHeartbeat', async () => {
    const t = transport([0, 503, 204]);
    const r = new QoeReporter('s1', t, reader);
    r.start();
    r.record({ type: 'start', position: 0, watched: 0, startupMs: 300 });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(5000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.posts).toHaveLength(3);
    expect(t.posts[2]!.events.map((e) => e.type)).toEqual(['start', 'heartbeat', 'heartbeat']);
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.posts[3]!.events.map((e) => e.type)).toEqual(['heartbeat']);
  });

  it('badRequest_dropsTheBatch', async () => {
    const t = transport([400]);
    const r = new QoeReporter('s1', t, reader);
    r.record({ type: 'start', position: 0, watched: 0 });
    await vi.advanceTimersByTimeAsync(0);
    r.record({ type: 'end', position: 9, watched: 9 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.posts[1]!.events.map((e) => e.type)).toEqual(['end']);
  });

  it('gone410_stopsForGood_andSaysSoOnce', async () => {
    const t = transport([410]);
    const onGone = vi.fn();
    const r = new QoeReporter('s1', t, reader, { onGone });
    r.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(onGone).toHaveBeenCalledTimes(1);
    expect(r.isStopped).toBe(true);
    r.record({ type: 'error', position: 1, watched: 1 });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.posts).toHaveLength(1);
  });

  it('oneRequestAtATime', async () => {
    let release: (status: number) => void = () => undefined;
    const t = transport();
    t.post = vi.fn(() => new Promise<number>((resolve) => (release = resolve)));
    const r = new QoeReporter('s1', t, reader);
    r.record({ type: 'start', position: 0, watched: 0 });
    r.record({ type: 'error', position: 0, watched: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.post).toHaveBeenCalledTimes(1);
    release(204);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.post).toHaveBeenCalledTimes(2);
    release(204);
  });

  it('pageHidden_beaconsTheQueueWithALastHeartbeat', () => {
    const t = transport();
    const r = new QoeReporter('s1', t, reader);
    r.record({ type: 'stall', position: 3, watched: 3, stallMs: 100 });
    r.pageHidden();
    expect(t.beacons).toEqual([
      {
        url: '/api/playback/s1/events',
        events: [
          { type: 'stall', position: 3, watched: 3, stallMs: 100 },
          { type: 'heartbeat', position: 12.3, watched: 10.1 },
        ],
      },
    ]);
  });

  it('pageHidden_beaconRefused_keepsTheEvents', async () => {
    const t = transport();
    t.beaconOk = false;
    const r = new QoeReporter('s1', t, reader);
    r.pageHidden();
    await r.flush();
    expect(t.posts[0]!.events.map((e) => e.type)).toEqual(['heartbeat']);
  });

  it('queue_isBounded_droppingOldHeartbeatsFirst', async () => {
    const t = transport([0, 0, 0, 0, 0, 0]);
    const r = new QoeReporter('s1', t, reader, { maxQueued: 3 });
    r.start();
    r.record({ type: 'stall', position: 1, watched: 1, stallMs: 5 });
    await vi.advanceTimersByTimeAsync(25_000);
    const last = t.posts[t.posts.length - 1]!.events;
    expect(last).toHaveLength(3);
    expect(last[0]!.type).toBe('stall');
  });

  it('message_isCut_andEmptyOmitted', async () => {
    const t = transport();
    const r = new QoeReporter('s1', t, reader);
    r.record({ type: 'error', position: 0, watched: 0, message: 'x'.repeat(900) });
    r.record({ type: 'end', position: 0, watched: 0, message: '' });
    await vi.advanceTimersByTimeAsync(0);
    await r.flush();
    expect((t.posts[0]!.events[0]!['message'] as string).length).toBe(500);
    expect(t.posts[1]!.events[0]).not.toHaveProperty('message');
  });

  it('eventsUrl_escapesTheSession', () => {
    expect(eventsUrl('a/b?c')).toBe('/api/playback/a%2Fb%3Fc/events');
  });
});

describe('WatchedMeter', () => {
  it('watched_countsSmoothAdvance_notSeeks', () => {
    const m = new WatchedMeter();
    for (const p of [0, 0.25, 0.5, 0.75, 1]) m.update(p);
    m.update(30); // a seek
    m.update(30.5);
    m.interrupt();
    m.update(40);
    m.update(40.25);
    expect(m.seconds).toBeCloseTo(1.75, 6);
  });
});

describe('PlaybackTimer', () => {
  it('startup_thenStall_measuredBetweenWaitingAndPlaying', () => {
    let now = 1000;
    const timer = new PlaybackTimer(() => now);
    now = 1420;
    expect(timer.playing()).toEqual({ startupMs: 420 });
    now = 5000;
    timer.waiting();
    now = 5800;
    expect(timer.playing()).toEqual({ stallMs: 800 });
    expect(timer.playing()).toBeNull();
  });

  it('waiting_whileSeeking_isNoStall', () => {
    let now = 0;
    const timer = new PlaybackTimer(() => now);
    timer.playing();
    timer.seekStarted();
    timer.waiting();
    now = 900;
    timer.seekEnded();
    expect(timer.playing()).toBeNull();
  });

  it('waiting_beforeTheFirstFrame_isStartup', () => {
    let now = 0;
    const timer = new PlaybackTimer(() => now);
    timer.waiting();
    now = 700;
    expect(timer.playing()).toEqual({ startupMs: 700 });
  });
});
