package org.screenroom.catalog.db;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as fixed-width UTC text ({@code 2026-01-02T03:04:05.678Z}), so that SQL compares them
 * correctly as strings. {@link Instant#toString()} drops zero fractions and would not.
 */
public final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Formats {@code instant} truncated to milliseconds; null stays null. */
  public static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Parses text written by {@link #format}; null stays null. */
  public static Instant parse(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
