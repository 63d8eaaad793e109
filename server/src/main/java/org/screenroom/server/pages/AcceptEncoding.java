package org.screenroom.server.pages;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which pre-compressed copy of an asset to send for a request's {@code Accept-Encoding}. Pure.
 */
public final class AcceptEncoding {
  private AcceptEncoding() {}

  /**
   * The first of {@code offered} (in the server's order of preference, e.g. {@code br} before
   * {@code gzip}) that {@code header} accepts with a quality above zero, by name or through
   * {@code *}; empty for identity (no header, nothing acceptable, or a malformed header).
   */
  public static Optional<String> choose(String header, List<String> offered) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String[] parts = header.toLowerCase(Locale.ROOT).split(",", -1);
    for (String coding : offered) {
      double q = quality(parts, coding);
      if (q > 0) {
        return Optional.of(coding);
      }
    }
    return Optional.empty();
  }

  /** The quality given to {@code coding}: its own entry first, else {@code *}, else 0. */
  private static double quality(String[] parts, String coding) {
    double star = 0;
    for (String part : parts) {
      String[] fields = part.split(";", -1);
      String name = fields[0].trim();
      double q = 1;
      for (int i = 1; i < fields.length; i++) {
        String param = fields[i].trim();
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2).trim());
          } catch (NumberFormatException e) {
            q = 0; // unreadable: not accepted
          }
        }
      }
      if (name.equals(coding)) {
        return q;
      }
      if (name.equals("*")) {
        star = q;
      }
    }
    return star;
  }
}
