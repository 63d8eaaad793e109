/**
 * Film ids travel in the path (`/watch/{id}`, `/embed/{id}`, `/films/{id}`). The server owns the
 * id format; the page only accepts one safe path segment so that it can never be turned into a
 * different API path (`..`, `/`, `?`, `#`, `%2F` ...).
 */
// The server's ids are 12 base64url characters, so they may begin with '-' or '_'; dots, slashes
// and percent-escapes stay impossible.
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Reads the film id from a location pathname.
 *
 * @param pathname `location.pathname`, e.g. `/watch/abc123` or `/embed/abc123/`
 * @param prefixes the first path segments that may carry an id, e.g. `['watch', 'embed']`
 * @returns the id, or `null` when the path has another shape or the id is not a safe segment
 */
export function filmIdFromPath(pathname: string, prefixes: readonly string[]): string | null {
  const segments = pathname.split('/').filter((s, i, all) => s !== '' || (i > 0 && i < all.length - 1));
  // After dropping the leading and one trailing empty segment, exactly [prefix, id] must remain.
  if (segments.length !== 2) return null;
  const [prefix, id] = segments as [string, string];
  if (!prefixes.includes(prefix)) return null;
  return SAFE_ID.test(id) ? id : null;
}

/** Builds `/api/films/{id}{suffix}` for an id that {@link filmIdFromPath} accepted. */
export function filmApiPath(id: string, suffix = ''): string {
  return `/api/films/${encodeURIComponent(id)}${suffix}`;
}
