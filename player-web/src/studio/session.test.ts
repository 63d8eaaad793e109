import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, mayHaveSession, parseMe, sessionHeaders } from './session';

describe('parseMe', () => {
  it('parseMe_session_keepsCsrfToken', () => {
    expect(parseMe({ id: 'a', username: 'ada', role: 'filmmaker', csrfToken: 't' })).toEqual({
      id: 'a',
      username: 'ada',
      role: 'filmmaker',
      csrfToken: 't',
    });
  });

  it('parseMe_bearerCaller_hasNoCsrfToken', () => {
    expect(parseMe({ id: 'a', username: 'root', role: 'admin' }).csrfToken).toBeNull();
  });

  it.each([[null], ['ada'], [{ id: 'a', username: 'ada', role: 'owner' }], [{ id: 1, username: 'ada', role: 'admin' }]])(
    'parseMe_%j_throws',
    (body) => {
      expect(() => parseMe(body)).toThrow(TypeError);
    },
  );
});

describe('sessionHeaders', () => {
  it.each([
    ['GET', {}],
    ['head', {}],
    ['POST', { [CSRF_HEADER]: 'tok' }],
    ['patch', { [CSRF_HEADER]: 'tok' }],
    ['DELETE', { [CSRF_HEADER]: 'tok' }],
  ])('sessionHeaders_%s', (method, expected) => {
    expect(sessionHeaders(method, 'tok')).toEqual(expected);
  });

  it('sessionHeaders_withoutToken_isEmpty', () => {
    expect(sessionHeaders('POST', null)).toEqual({});
  });
});

describe('mayHaveSession', () => {
  it.each([
    ['', false],
    ['theme=dark', false],
    ['sr_csrf=', false],
    ['xsr_csrf=abc', false],
    ['sr_csrf=abc', true],
    ['theme=dark; sr_csrf=abc', true],
  ])('mayHaveSession_%j_is_%s', (cookie, expected) => {
    expect(mayHaveSession(cookie)).toBe(expected);
  });
});
