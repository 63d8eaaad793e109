import { describe, expect, it } from 'vitest';
import type { Thumbnail } from '../player/storyboard';
import {
  collectionBody,
  collectionFilmIds,
  frameChoices,
  grantUsername,
  imageUrl,
  parseCollections,
  parseGrants,
  parseStills,
} from './curate';

const image = (id: string, widths: number[]): unknown => ({
  id,
  urls: Object.fromEntries(widths.map((w) => [String(w), `/images/F/${id}-${w}.jpg`])),
});

describe('imageUrl', () => {
  it.each<[unknown, number, string | null]>([
    [image('a', [320, 640, 1280]), 320, '/images/F/a-320.jpg'],
    [image('a', [640, 320, 1280]), 500, '/images/F/a-640.jpg'],
    [image('a', [200]), 320, '/images/F/a-200.jpg'],
    [{ id: 'a', urls: {} }, 320, null],
    [{ id: 'a' }, 320, null],
    [null, 320, null],
  ])('imageUrl(%j, %s) = %s', (img, want, expected) => {
    expect(imageUrl(img, want)).toBe(expected);
  });
});

describe('parsers', () => {
  it('reads stills, skipping broken entries', () => {
    expect(parseStills({ stills: [image('s1', [320]), { id: '' }, 'junk', image('s2', [640])] })).toEqual([
      { id: 's1', url: '/images/F/s1-320.jpg' },
      { id: 's2', url: '/images/F/s2-640.jpg' },
    ]);
    expect(parseStills({})).toEqual([]);
    expect(parseStills(null)).toEqual([]);
  });

  it('reads grants', () => {
    expect(parseGrants({ items: [{ username: 'juror', grantedAt: '2026-01-01T00:00:00Z' }, { grantedAt: 'x' }] })).toEqual([
      { username: 'juror', grantedAt: '2026-01-01T00:00:00Z' },
    ]);
    expect(parseGrants({ items: 'no' })).toEqual([]);
  });

  it('reads collections and their films', () => {
    expect(parseCollections({ items: [{ id: 'c1', title: 'Picks', description: null, visibility: 'public' }, {}] })).toEqual([
      { id: 'c1', title: 'Picks', description: '', visibility: 'public' },
    ]);
    expect(collectionFilmIds({ films: [{ id: 'f1' }, { id: 'f2' }, { title: 'no id' }] })).toEqual(['f1', 'f2']);
    expect(collectionFilmIds({})).toEqual([]);
  });
});

describe('grantUsername', () => {
  it.each<[string, boolean, string]>([
    ['  juror ', true, 'juror'],
    ['', false, 'Type the account name of the person who may watch.'],
    ['   ', false, 'Type the account name of the person who may watch.'],
    ['x'.repeat(65), false, 'Account names are at most 64 characters.'],
  ])('grantUsername(%j)', (raw, ok, out) => {
    const r = grantUsername(raw);
    expect(r.ok).toBe(ok);
    expect(r.ok ? r.value : r.error).toBe(out);
  });
});

describe('collectionBody', () => {
  it.each<[string, string, string, string | null]>([
    ['Festival picks', '', 'public', null],
    ['  Festival picks ', ' Best of 2026 ', 'unlisted', null],
    ['', '', 'public', 'Give the collection a title.'],
    ['x'.repeat(301), '', 'public', 'The title is at most 300 characters.'],
    ['T', 'd'.repeat(5001), 'public', 'The description is at most 5000 characters.'],
    ['T', '', 'everyone', 'Choose who can see the collection.'],
  ])('collectionBody(%j, %j, %j)', (title, description, visibility, error) => {
    const r = collectionBody({ title, description, visibility });
    expect(r.ok ? null : r.error).toBe(error);
    if (r.ok) {
      expect(r.value.title).toBe(title.trim());
      expect(r.value.description).toBe(description.trim() === '' ? null : description.trim());
    }
  });
});

describe('frameChoices', () => {
  const thumbs: Thumbnail[] = Array.from({ length: 10 }, (_, i) => ({ start: i, end: i + 1, url: 's.jpg', x: 0, y: 0, width: 160, height: 90 }));
  it.each<[number, number[]]>([
    [0, []],
    [1, [0]],
    [2, [0, 9]],
    [4, [0, 3, 6, 9]],
    [10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    [20, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ])('%s of 10 frames', (count, starts) => {
    expect(frameChoices(thumbs, count).map((t) => t.start)).toEqual(starts);
  });
  it('no storyboard, no frames', () => {
    expect(frameChoices([], 6)).toEqual([]);
  });
});
