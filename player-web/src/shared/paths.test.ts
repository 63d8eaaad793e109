import { describe, expect, it } from 'vitest';
import { filmApiPath, filmIdFromPath } from './paths';

const PLAYER = ['watch', 'embed'];

describe('filmIdFromPath', () => {
  it.each([
    ['/watch/abc123', 'abc123'],
    ['/embed/abc123', 'abc123'],
    ['/watch/abc123/', 'abc123'],
    ['/watch/01J9Z-x_y', '01J9Z-x_y'],
    // Regression: server ids may start with '_' or '-'; the page refused them.
    ['/watch/_M-Q42UEdPCs', '_M-Q42UEdPCs'],
    ['/embed/-AbCdEfGh123', '-AbCdEfGh123'],
  ])('filmIdFromPath_playerPath_%s_gives_%s', (path, id) => {
    expect(filmIdFromPath(path, PLAYER)).toBe(id);
  });

  it.each([
    '/',
    '/watch',
    '/watch/',
    '/films/abc',
    '/watch/abc/extra',
    '/watch//abc',
    '/watch/..',
    '/watch/%2e%2e',
    '/watch/a%2Fb',
    '/watch/a%00',
    '/watchx/abc',
    `/watch/${'a'.repeat(129)}`,
  ])('filmIdFromPath_hostilePath_%s_isNull', (path) => {
    expect(filmIdFromPath(path, PLAYER)).toBeNull();
  });

  it('filmIdFromPath_filmsPrefix_onlyWhenAsked', () => {
    expect(filmIdFromPath('/films/abc', ['films'])).toBe('abc');
    expect(filmIdFromPath('/watch/abc', ['films'])).toBeNull();
  });
});

describe('filmApiPath', () => {
  it('filmApiPath_withSuffix_joinsPath', () => {
    expect(filmApiPath('abc', '/playback')).toBe('/api/films/abc/playback');
    expect(filmApiPath('abc')).toBe('/api/films/abc');
  });
});
