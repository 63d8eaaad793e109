import { describe, expect, it } from 'vitest';
import { formatBytes, formatSpeed, formatTimeLeft, SpeedMeter } from './transfer';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 KB'],
    [12_400_000, '12.4 MB'],
    [150_000_000_000, '150 GB'],
    [2_500_000_000_000, '2.5 TB'],
    [-1, '–'],
    [Number.NaN, '–'],
  ])('formatBytes_%d_is_%s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatTimeLeft', () => {
  it.each([
    [0.2, '1 s'],
    [45, '45 s'],
    [60, '1 min'],
    [719, '12 min'],
    [7500, '2 h 05 min'],
    [Infinity, '–'],
    [-3, '–'],
  ])('formatTimeLeft_%d_is_%s', (seconds, text) => {
    expect(formatTimeLeft(seconds)).toBe(text);
  });
});

describe('SpeedMeter', () => {
  it('speed_isBytesOverTheWindow_andTimeLeftFollows', () => {
    const meter = new SpeedMeter(5000);
    meter.add(0, 0);
    meter.add(1000, 2_000_000);
    meter.add(2000, 4_000_000);
    expect(meter.bytesPerSecond()).toBe(2_000_000);
    expect(formatSpeed(meter.bytesPerSecond())).toBe('2.0 MB/s');
    expect(meter.secondsLeft(10_000_000)).toBe(3);
  });

  it('speed_forgetsSamplesOlderThanTheWindow', () => {
    const meter = new SpeedMeter(2000);
    meter.add(0, 0);
    meter.add(10_000, 1_000_000);
    meter.add(11_000, 4_000_000);
    expect(meter.bytesPerSecond()).toBe(3_000_000);
  });

  it('speed_isUnknownUntilTwoSamples_andAfterReset', () => {
    const meter = new SpeedMeter();
    expect(meter.bytesPerSecond()).toBe(0);
    expect(meter.secondsLeft(100)).toBe(Infinity);
    meter.add(0, 0);
    meter.add(1000, 100);
    meter.reset();
    expect(meter.bytesPerSecond()).toBe(0);
  });
});
