import { describe, expect, it } from 'vitest';
import { parseWatchOptions } from './options';

describe('parseWatchOptions', () => {
  it('parseWatchOptions_empty_givesDefaults', () => {
    expect(parseWatchOptions('')).toEqual({ format: 'auto', autoplay: false, muted: false, startAt: 0 });
  });

  it('parseWatchOptions_testFlags_autoplayMutedDash', () => {
    expect(parseWatchOptions('?format=dash&autoplay=1&muted=1')).toEqual({
      format: 'dash',
      autoplay: true,
      muted: true,
      startAt: 0,
    });
  });

  it.each([
    ['?format=DASH', 'dash'],
    ['?format=hls', 'hls'],
    ['?format=mp4', 'auto'],
    ['?format=', 'auto'],
  ])('parseWatchOptions_format_%s_is_%s', (search, format) => {
    expect(parseWatchOptions(search).format).toBe(format);
  });

  it.each([
    ['?autoplay=0', false],
    ['?autoplay=false', false],
    ['?autoplay=true', true],
    ['?autoplay', true],
  ])('parseWatchOptions_autoplay_%s_is_%s', (search, autoplay) => {
    expect(parseWatchOptions(search).autoplay).toBe(autoplay);
  });

  it.each([
    ['?t=30', 30],
    ['?t=-5', 0],
    ['?t=abc', 0],
    ['?t=Infinity', 0],
  ])('parseWatchOptions_startAt_%s_is_%s', (search, startAt) => {
    expect(parseWatchOptions(search).startAt).toBe(startAt);
  });
});
