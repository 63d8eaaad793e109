package org.screenroom.catalog.account;

import java.time.Instant;

/** A person who signs in: the admin or a filmmaker. The password hash never leaves the store. */
public record Account(String id, String username, Role role, Instant createdAt) {
  /** Whether this account administers the server. */
  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
