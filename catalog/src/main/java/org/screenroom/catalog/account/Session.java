package org.screenroom.catalog.account;

import java.time.Instant;

/**
 * A browser sign-in session just created. {@code secret} goes into the cookie and is never
 * stored; only its SHA-256 is.
 */
public record Session(String id, String secret, Account account, Instant expiresAt) {
  @Override
  public String toString() {
    return "Session[id=" + id + ", account=" + account.username() + ", expiresAt=" + expiresAt + "]";
  }
}
