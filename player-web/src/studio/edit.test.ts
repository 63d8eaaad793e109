import { describe, expect, it } from 'vitest';
import { filmBody, formatCredits, parseCredits, posterContentType, subtitleLanguage } from './edit';

const FORM = {
  title: '  Night Ferry ',
  year: '2024',
  logline: ' A crossing. ',
  synopsis: 'Long.',
  genres: 'Drama, documentary, drama',
  visibility: 'public',
  credits: 'Director: Ana Lima\n\nCast: Jo\nMiro Sand',
};

describe('filmBody', () => {
  it('filmBody_valid_buildsTheJson', () => {
    expect(filmBody(FORM)).toEqual({
      ok: true,
      body: {
        title: 'Night Ferry',
        year: 2024,
        logline: 'A crossing.',
        synopsis: 'Long.',
        genres: ['drama', 'documentary'],
        visibility: 'public',
        credits: [
          { role: 'director', name: 'Ana Lima' },
          { role: 'cast', name: 'Jo' },
          { role: 'cast', name: 'Miro Sand' },
        ],
      },
    });
  });

  it('filmBody_blankYear_isNull', () => {
    const result = filmBody({ ...FORM, year: ' ' });
    expect(result.ok && result.body['year']).toBeNull();
  });

  it.each([
    [{ title: '  ' }, 'title'],
    [{ year: '20x4' }, 'year'],
    [{ year: '1600' }, 'year'],
    [{ year: '2024.5' }, 'year'],
    [{ visibility: 'everyone' }, 'visibility'],
    [{ credits: 'director:' }, 'credits'],
    [{ credits: ': Ana' }, 'credits'],
  ])('filmBody_%j_failsOn_%s', (change, field) => {
    const result = filmBody({ ...FORM, ...change });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.field).toBe(field);
  });
});

describe('credits', () => {
  it('parseCredits_reportsTheBadLine', () => {
    expect(parseCredits('director: A\nwriter:')).toEqual({ line: 2 });
  });

  it('formatCredits_roundTrips', () => {
    const credits = [
      { role: 'director', name: 'Ana: the First' },
      { role: 'cast', name: 'Jo' },
    ];
    expect(parseCredits(formatCredits(credits))).toEqual({ credits });
  });
});

describe('subtitleLanguage', () => {
  it.each([
    ['en', 'en'],
    [' FR ', 'fr'],
    ['pt-BR', 'pt-br'],
    ['english', null],
    ['e', null],
    ['../x', null],
  ])('subtitleLanguage_%j_is_%j', (raw, tag) => {
    expect(subtitleLanguage(raw)).toBe(tag);
  });
});

describe('posterContentType', () => {
  it.each([
    [{ type: 'image/png', name: 'a' }, 'image/png'],
    [{ type: '', name: 'Poster.JPG' }, 'image/jpeg'],
    [{ type: '', name: 'p.webp' }, 'image/webp'],
    [{ type: 'image/gif', name: 'p.gif' }, null],
  ])('posterContentType_%j_is_%j', (file, type) => {
    expect(posterContentType(file)).toBe(type);
  });
});
