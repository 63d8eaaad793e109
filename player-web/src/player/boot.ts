import { type Playback, parsePlayback } from '../shared/film';

/** Playback URLs this close to expiry are asked for again rather than used. */
export const BOOT_MARGIN_MS = 60_000;

/**
 * The playback answer the server put into the watch page (a `<script type="application/json"
 * id="playback">` block), so the player needs no API round trip before its first request. Null
 * when there is none, it is for another film, malformed, or about to expire (a page restored
 * long after it was sent): the player then asks the API as before.
 */
export function bootPlayback(text: string | null, filmId: string, nowMs: number): Playback | null {
  if (text === null || text.trim() === '') return null;
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || (json as Record<string, unknown>)['filmId'] !== filmId) return null;
    const playback = parsePlayback(json);
    const expires = Date.parse(playback.expiresAt);
    if (!Number.isFinite(expires) || expires - nowMs < BOOT_MARGIN_MS) return null;
    return playback;
  } catch {
    return null;
  }
}
