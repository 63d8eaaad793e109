package org.screenroom.catalog.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an account may do: an admin manages the server, a filmmaker their own films. */
public enum Role {
  ADMIN, FILMMAKER;

  /** The lower-case name used in JSON and in the database. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, or empty when it names no role. */
  public static Optional<Role> parse(String wire) {
    return Arrays.stream(values()).filter(r -> r.wire().equals(wire)).findFirst();
  }
}
