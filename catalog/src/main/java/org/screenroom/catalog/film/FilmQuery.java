package org.screenroom.catalog.film;

import java.util.Optional;

/**
 * What a listing asks for.
 *
 * @param ownerId only this owner's films, or empty for every owner
 * @param publicOnly only films anyone may see now: public, ready and released
 * @param text a search text matched against title, logline, synopsis and credits, or empty
 * @param limit the most rows to answer
 * @param genre only films with this genre (case-insensitive), or empty
 * @param year only films of this year, or empty
 * @param cursor where the previous page ended ({@link FilmPage#nextCursor()}), or empty
 */
public record FilmQuery(Optional<String> ownerId, boolean publicOnly, Optional<String> text,
    int limit, Optional<String> genre, Optional<Integer> year, Optional<String> cursor) {

  /** Requires a positive limit. */
  public FilmQuery {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
  }

  /** A first page without genre or year filters. */
  public FilmQuery(Optional<String> ownerId, boolean publicOnly, Optional<String> text, int limit) {
    this(ownerId, publicOnly, text, limit, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
