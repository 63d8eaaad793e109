import { describe, expect, it } from 'vitest';
import { groupCredits, parseFilm, parseFilmList, parsePlayback } from './film';

describe('parseFilm', () => {
  it('parseFilm_fullFilm_keepsFields', () => {
    const film = parseFilm({
      id: 'f1',
      title: 'Night Ferry',
      logline: 'A crossing.',
      synopsis: 'Long text.',
      year: 2024,
      genres: ['drama', 7],
      credits: [{ role: 'director', name: 'Ana' }, { role: 'dop' }, 'junk'],
      status: 'processing',
      progress: 42.4,
      error: null,
      visibility: 'public',
      renditions: [],
      availableFrom: '2030-05-01T00:00:00Z',
      poster: { id: 'p', urls: { '320': '/images/f1/p-320.jpg', '1280': '/images/f1/p-1280.jpg', '640': 'javascript:x' } },
    });
    expect(film).toEqual({
      id: 'f1',
      title: 'Night Ferry',
      logline: 'A crossing.',
      synopsis: 'Long text.',
      year: 2024,
      genres: ['drama'],
      credits: [{ role: 'director', name: 'Ana' }],
      status: 'processing',
      progress: 42,
      error: null,
      visibility: 'public',
      availableFrom: '2030-05-01T00:00:00Z',
      posterUrl: '/images/f1/p-1280.jpg',
    });
  });

  it('parseFilm_nextVersion_isReadWhenSent', () => {
    expect(parseFilm({ id: 'x', status: 'ready', nextVersion: { status: 'processing', progress: 33.3, error: null } }).nextVersion)
      .toEqual({ status: 'processing', progress: 33, error: null });
    expect(parseFilm({ id: 'x', status: 'ready', nextVersion: { status: 'failed', progress: 0, error: 'Cancelled.' } }).nextVersion)
      .toEqual({ status: 'failed', progress: 0, error: 'Cancelled.' });
    expect(parseFilm({ id: 'x', status: 'ready', nextVersion: { status: 'odd' } }).nextVersion).toBeNull();
    expect(parseFilm({ id: 'x', status: 'ready' })).not.toHaveProperty('nextVersion');
  });

  it('parseFilm_minimal_fillsDefaults', () => {
    expect(parseFilm({ id: 'x' })).toMatchObject({ title: 'Untitled', status: 'draft', progress: 0, year: null });
  });

  it.each([
    [150, 100],
    [-3, 0],
    ['50', 0],
    [Number.NaN, 0],
  ])('parseFilm_progress_%s_clampsTo_%s', (progress, expected) => {
    expect(parseFilm({ id: 'x', status: 'processing', progress }).progress).toBe(expected);
  });

  it('parseFilm_ready_isFullProgress', () => {
    expect(parseFilm({ id: 'x', status: 'ready', progress: 0 }).progress).toBe(100);
  });

  it('parseFilm_unknownStatus_isDraft', () => {
    expect(parseFilm({ id: 'x', status: 'exploded' }).status).toBe('draft');
  });

  it.each([null, [], 'f1', {}, { id: 3 }, { id: '' }])('parseFilm_noId_%j_throws', (json) => {
    expect(() => parseFilm(json)).toThrow(TypeError);
  });
});

describe('parseFilmList', () => {
  it('parseFilmList_skipsMalformedItems', () => {
    expect(parseFilmList({ items: [{ id: 'a' }, { title: 'no id' }, { id: 'b' }] }).map((f) => f.id)).toEqual(['a', 'b']);
  });

  it('parseFilmList_withoutItems_throws', () => {
    expect(() => parseFilmList([])).toThrow(TypeError);
  });
});

describe('parsePlayback', () => {
  it('parsePlayback_valid_keepsUrls', () => {
    expect(parsePlayback({ hls: '/h.m3u8', dash: '/d.mpd', expiresAt: '2030-01-01T00:00:00Z' })).toEqual({
      hls: '/h.m3u8',
      dash: '/d.mpd',
      expiresAt: '2030-01-01T00:00:00Z',
      session: null,
    });
  });

  it.each([
    ['s-1', 's-1'],
    ['', null],
    [42, null],
  ])('parsePlayback_session_%j_is_%j', (session, expected) => {
    expect(parsePlayback({ hls: '/h', dash: '/d', session }).session).toBe(expected);
  });

  it('parsePlayback_missingDash_throws', () => {
    expect(() => parsePlayback({ hls: '/h.m3u8' })).toThrow(/manifest/);
  });
});

describe('groupCredits', () => {
  it('groupCredits_groupsByRoleInOrder', () => {
    expect(
      groupCredits([
        { role: 'director', name: 'A' },
        { role: 'writer', name: 'B' },
        { role: 'director', name: 'C' },
        { role: '', name: 'D' },
      ]),
    ).toEqual([
      { role: 'director', names: ['A', 'C'] },
      { role: 'writer', names: ['B'] },
      { role: 'crew', names: ['D'] },
    ]);
  });
});
