/** Words and numbers of the screener room, pure. */

const SAFE_CODE = /^[A-Za-z0-9_-]{16,64}$/;

/** The pass code from `/s/{code}`, or null for any other shape. */
export function screenerCodeFromPath(pathname: string): string | null {
  const match = /^\/s\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] !== undefined && SAFE_CODE.test(match[1]) ? match[1] : null;
}

/** `1:02:03` or `2:03`. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** The window in words, in UTC so every juror reads the same deadline. */
export function formatDeadline(status: string, opensAt: string | null, expiresAt: string): string {
  const when = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  if (status === 'scheduled' && opensAt !== null) return `Opens ${when(opensAt)}, available until ${when(expiresAt)}.`;
  return `Available until ${when(expiresAt)}.`;
}
