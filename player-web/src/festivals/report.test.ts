import { describe, expect, it } from 'vitest';
import { figuresLine, formatDuration, retentionSeries } from './report';

describe('report', () => {
  it.each([
    [12, '12 s'],
    [185, '3 min 05 s'],
    [3720, '1 h 02 min'],
  ])('formatDuration(%d) = %s', (s, text) => expect(formatDuration(s)).toBe(text));

  it('turns retention into percent series', () => {
    expect(retentionSeries([1, 0.75, 0.5, 0.25])).toEqual([[0, 25, 50, 75], [100, 75, 50, 25]]);
  });

  it('summarises a film', () => {
    expect(figuresLine({ filmId: 'f', title: 'T', views: 3, minutesWatched: 12.5, retention: [], startupMedianMs: 860, stallRatio: 0.012 }))
      .toBe('3 views · 12.5 min watched · median start 0.9 s · stalled 1.2 % of the time');
  });
});
