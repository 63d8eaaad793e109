import { describe, expect, it } from 'vitest';
import { startEstimate } from './bandwidth';

describe('startEstimate', () => {
  it.each<[number | undefined, number]>([
    [undefined, 500_000],
    [Number.NaN, 500_000],
    [0, 500_000],
    [-3, 500_000],
    [0.4, 500_000],
    [1.5, 1_050_000],
    [10, 7_000_000],
  ])('downlink %s Mb/s starts at %s b/s', (downlink, expected) => {
    expect(startEstimate(downlink)).toBe(expected);
  });
});
