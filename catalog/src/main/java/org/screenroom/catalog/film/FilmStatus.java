package org.screenroom.catalog.film;

import java.util.Locale;

/** Where a film is in its life: created, being transcoded, playable, or rejected. */
public enum FilmStatus {
  DRAFT, PROCESSING, READY, FAILED;

  /** The lower-case name used in JSON and in the database. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the lower-case wire name. @throws IllegalArgumentException for an unknown name */
  public static FilmStatus fromWire(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
