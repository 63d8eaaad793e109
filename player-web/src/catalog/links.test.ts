import { describe, expect, it } from 'vitest';
import { filmFacts, filmLinks } from './links';

describe('filmLinks', () => {
  it('filmLinks_plainId_givesWatchAndFilmPages', () => {
    expect(filmLinks('f1')).toEqual({ watch: '/watch/f1', page: '/films/f1' });
  });

  it('filmLinks_hostileId_staysOneSegment', () => {
    expect(filmLinks('../admin?x=1')).toEqual({ watch: '/watch/..%2Fadmin%3Fx%3D1', page: '/films/..%2Fadmin%3Fx%3D1' });
  });
});

describe('filmFacts', () => {
  it.each([
    [{ year: 2024, genres: ['drama', 'documentary'] }, '2024 · Drama, Documentary'],
    [{ year: null, genres: ['noir'] }, 'Noir'],
    [{ year: 1999, genres: [] }, '1999'],
    [{ year: null, genres: [] }, ''],
  ])('filmFacts_%j_is_%s', (film, facts) => {
    expect(filmFacts(film)).toBe(facts);
  });
});
