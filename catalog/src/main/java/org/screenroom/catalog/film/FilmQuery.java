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
 * @param language only films with this BCP 47 language, or a more specific one ({@code fr}
 *     matches {@code fr-CA}), case-insensitive; or empty
 */
public record FilmQuery(Optional<String> ownerId, boolean publicOnly, Optional<String> text,
    int limit, Optional<String> genre, Optional<Integer> year, Optional<String> cursor,
    Optional<String> language) {

  /** Requires a positive limit. */
  public FilmQuery {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    language = language == null ? Optional.empty() : language;
  }

  /** A page without a language filter. */
  public FilmQuery(Optional<String> ownerId, boolean publicOnly, Optional<String> text,
      int limit, Optional<String> genre, Optional<Integer> year, Optional<String> cursor) {
    this(ownerId, publicOnly, text, limit, genre, year, cursor, Optional.empty());
  }

  /** A first page without genre or year filters. */
  public FilmQuery(Optional<String> ownerId, boolean publicOnly, Optional<String> text, int limit) {
    this(ownerId, publicOnly, text, limit, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
