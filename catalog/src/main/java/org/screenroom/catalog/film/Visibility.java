package org.screenroom.catalog.film;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may see a film: {@code draft} the owner only, {@code private} the owner and those granted,
 * {@code unlisted} anyone with the link (never listed), {@code public} listed in the catalog.
 */
public enum Visibility {
  DRAFT, PRIVATE, UNLISTED, PUBLIC;

  /** The lower-case name used in JSON and in the database. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, or empty when it names no visibility. */
  public static Optional<Visibility> parse(String wire) {
    return Arrays.stream(values()).filter(v -> v.wire().equals(wire)).findFirst();
  }

  /** Whether anyone holding the link may watch, without an account. */
  public boolean openToLinkHolders() {
    return this == UNLISTED || this == PUBLIC;
  }
}
