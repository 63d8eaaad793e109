package org.screenroom.server.stream;

/** The outcome of checking a playback token, with the HTTP status each maps to. */
public enum TokenCheck {
  /** Signature right, not expired. */
  VALID(200),
  /** Not of the token's shape. */
  MALFORMED(403),
  /** Signed with a key this server does not hold. */
  UNKNOWN_KEY(403),
  /** The signature does not match: something was changed. */
  BAD_SIGNATURE(403),
  /** Genuine but past its expiry. */
  EXPIRED(410),
  /** Genuine, but bound to another network than the request comes from. */
  WRONG_NETWORK(403);

  private final int status;

  TokenCheck(int status) {
    this.status = status;
  }

  /** The HTTP status for a request carrying such a token. */
  public int status() {
    return status;
  }
}
