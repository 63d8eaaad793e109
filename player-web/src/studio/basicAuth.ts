/**
 * Builds an HTTP Basic `Authorization` value. Credentials are UTF-8 encoded before base64
 * (RFC 7617 `charset="UTF-8"`), so non-ASCII passwords survive; `btoa` alone would throw on them.
 *
 * @throws RangeError when the username contains a colon, which Basic cannot carry
 */
export function basicAuthorization(username: string, password: string): string {
  if (username.includes(':')) throw new RangeError('A username cannot contain a colon.');
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
