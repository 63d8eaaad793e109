/** The signed-in account as `GET /api/me` and `POST /api/session` answer it. */
export interface Me {
  readonly id: string;
  readonly username: string;
  readonly role: 'admin' | 'filmmaker';
  /** Present for a browser session: sent back as `X-CSRF-Token` on every write. */
  readonly csrfToken: string | null;
}

/** The header carrying the session's CSRF token. */
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * Reads an answer of `GET /api/me` or `POST /api/session`.
 *
 * @throws TypeError when the body is not an account
 */
export function parseMe(body: unknown): Me {
  if (typeof body !== 'object' || body === null) throw new TypeError('The server sent no account.');
  const o = body as Record<string, unknown>;
  const { id, username, role, csrfToken } = o;
  if (typeof id !== 'string' || typeof username !== 'string' || (role !== 'admin' && role !== 'filmmaker')) {
    throw new TypeError('The server sent no account.');
  }
  return { id, username, role, csrfToken: typeof csrfToken === 'string' && csrfToken !== '' ? csrfToken : null };
}

/** The headers a request needs for the session: the CSRF token on anything but GET/HEAD/OPTIONS. */
export function sessionHeaders(method: string, csrfToken: string | null): Record<string, string> {
  const safe = ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
  return safe || csrfToken === null ? {} : { [CSRF_HEADER]: csrfToken };
}

/**
 * Whether the page may hold a session: the readable `sr_csrf` cookie is set beside the HttpOnly
 * session cookie and cleared with it, so without it there is no point asking `GET /api/me`.
 */
export function mayHaveSession(documentCookie: string): boolean {
  return documentCookie.split(';').some((c) => /^sr_csrf=./.test(c.trim()));
}
