import { describe, expect, it } from 'vitest';
import { stopReason, WatchMeter } from './heartbeat';
import { formatClock, formatDeadline, screenerCodeFromPath } from './text';
import { fitX, fontSize, nextPosition } from './watermark';

describe('screenerCodeFromPath', () => {
  it.each([
    ['/s/AbCdEfGhIjKlMnOpQrStUvWx', 'AbCdEfGhIjKlMnOpQrStUvWx'],
    ['/s/AbCdEfGhIjKlMnOpQrStUvWx/', 'AbCdEfGhIjKlMnOpQrStUvWx'],
    ['/s/short', null],
    ['/s/../../api/films', null],
    ['/s/AbCdEfGhIjKlMnOp%2FQrStUvWx', null],
    ['/watch/AbCdEfGhIjKlMnOpQrStUvWx', null],
  ])('%s -> %s', (path, code) => expect(screenerCodeFromPath(path)).toBe(code));
});

describe('nextPosition', () => {
  it('stays inside the picture and moves visibly', () => {
    let seed = 1;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let previous = nextPosition(null, random);
    for (let i = 0; i < 200; i++) {
      const next = nextPosition(previous, random);
      expect(next.x).toBeGreaterThanOrEqual(0.05);
      expect(next.x).toBeLessThanOrEqual(0.6);
      expect(next.y).toBeGreaterThanOrEqual(0.1);
      expect(next.y).toBeLessThanOrEqual(0.9);
      expect(Math.hypot(next.x - previous.x, next.y - previous.y)).toBeGreaterThan(0.2);
      previous = next;
    }
  });

  it.each([
    [100, 50, 1000, 100],
    [900, 200, 1000, 780],
    [5, 50, 1000, 20],
    [100, 2000, 1000, 20],
  ])('fitX(%d, text %d, width %d) = %d: the whole mark stays inside', (wanted, text, width, x) =>
    expect(fitX(wanted, text, width)).toBe(x));

  it('scales the font with the picture but keeps it readable', () => {
    expect(fontSize(180)).toBe(12);
    expect(fontSize(1080)).toBe(39);
  });
});

describe('WatchMeter', () => {
  it('counts playing advance and ignores seeks and pauses', () => {
    const meter = new WatchMeter();
    meter.sample(0, 0, true);
    meter.sample(1, 1000, true);
    meter.sample(2, 2000, true);
    meter.sample(60, 2500, true); // a seek
    meter.sample(61, 3500, true);
    meter.sample(65, 7500, false); // paused: not counted
    expect(meter.take()).toBe(3);
    expect(meter.take()).toBe(0);
  });
});

describe('stopReason', () => {
  it.each([
    [410, 'revoked', 'revoked'],
    [410, null, 'revoked'],
    [404, null, 'revoked'],
    [500, null, null],
    [400, null, null],
  ])('%i %s -> %s', (status, reason, expected) => expect(stopReason(status, reason)).toBe(expected));
});

describe('text', () => {
  it('formats clocks and deadlines', () => {
    expect(formatClock(62)).toBe('1:02');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatDeadline('open', null, '2026-06-01T12:00:00Z')).toBe('Available until 2026-06-01 12:00 UTC.');
    expect(formatDeadline('scheduled', '2026-05-01T08:00:00Z', '2026-06-01T12:00:00Z'))
      .toBe('Opens 2026-05-01 08:00 UTC, available until 2026-06-01 12:00 UTC.');
  });
});
