package org.screenroom.catalog.film;

import java.time.Instant;
import java.util.List;

/**
 * A poster or still, stored as JPEG renditions at {@code widths} (never wider than the original).
 * Immutable: replacing a poster makes a new image with a new name.
 *
 * @param name the image's id, part of its URLs
 * @param kind poster or still
 * @param width the original's width in pixels
 * @param height the original's height in pixels
 * @param widths the rendition widths stored, ascending
 */
public record FilmImage(String name, Kind kind, int width, int height, List<Integer> widths,
    Instant createdAt) {

  /** Copies the widths. */
  public FilmImage {
    widths = List.copyOf(widths);
  }

  /** What the image is for. */
  public enum Kind {
    POSTER, STILL;

    /** The lower-case name used in the database. */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
