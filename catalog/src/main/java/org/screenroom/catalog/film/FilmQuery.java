package org.screenroom.catalog.film;

import java.util.Optional;

/**
 * What a listing asks for.
 *
 * @param ownerId only this owner's films, or empty for every owner
 * @param publicOnly only films anyone may see now: public, ready and released
 * @param text a search text matched against title, logline, synopsis and credits, or empty
 * @param limit the most rows to answer
 */
public record FilmQuery(Optional<String> ownerId, boolean publicOnly, Optional<String> text, int limit) {
  /** Requires a positive limit. */
  public FilmQuery {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
  }
}
