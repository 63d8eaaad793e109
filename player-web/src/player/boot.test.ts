import { describe, expect, it } from 'vitest';
import { BOOT_MARGIN_MS, bootPlayback } from './boot';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const later = (ms: number): string => new Date(NOW + ms).toISOString();
const block = (o: Record<string, unknown>): string => JSON.stringify(o);
const GOOD = { filmId: 'f1', hls: '/play/t/f1/master.m3u8', dash: '/play/t/f1/manifest.mpd', expiresAt: later(3_600_000), session: 's1' };

describe('bootPlayback', () => {
  it('reads the playback answer of the page', () => {
    expect(bootPlayback(block(GOOD), 'f1', NOW)).toEqual({
      hls: GOOD.hls,
      dash: GOOD.dash,
      expiresAt: GOOD.expiresAt,
      session: 's1',
    });
  });

  it.each<[string, string | null, string]>([
    ['no block', null, 'f1'],
    ['an empty block', '  ', 'f1'],
    ['not JSON', '{oops', 'f1'],
    ['JSON that is not an object', '"f1"', 'f1'],
    ['another film', block(GOOD), 'f2'],
    ['no film id', block({ ...GOOD, filmId: undefined }), 'f1'],
    ['no manifests', block({ filmId: 'f1', expiresAt: GOOD.expiresAt }), 'f1'],
    ['no expiry', block({ ...GOOD, expiresAt: undefined }), 'f1'],
    ['an unreadable expiry', block({ ...GOOD, expiresAt: 'soon' }), 'f1'],
    ['expired', block({ ...GOOD, expiresAt: later(-1000) }), 'f1'],
    ['about to expire', block({ ...GOOD, expiresAt: later(BOOT_MARGIN_MS - 1) }), 'f1'],
  ])('is null for %s', (_name, text, filmId) => {
    expect(bootPlayback(text, filmId, NOW)).toBeNull();
  });
});
