package org.screenroom.catalog.film;

import java.util.List;
import java.util.Optional;

/**
 * The catalog fields a filmmaker writes beside {@link FilmMetadata}: the film's address and how
 * viewers find it.
 *
 * @param slug the film's readable address, unique per server; null on creation means "derive it
 *     from the title" ({@link Slugs#of})
 * @param countries ISO 3166-1 alpha-2 codes, upper-case (e.g. {@code FR})
 * @param languages BCP 47 language tags in canonical case (e.g. {@code fr}, {@code pt-BR})
 * @param tags free tags, as typed
 * @param trailerFilmId another film of the same owner that is this film's trailer
 */
public record FilmDetails(String slug, List<String> countries, List<String> languages,
    List<String> tags, Optional<String> trailerFilmId) {

  /** Normalises collections to immutable copies. */
  public FilmDetails {
    countries = List.copyOf(countries == null ? List.of() : countries);
    languages = List.copyOf(languages == null ? List.of() : languages);
    tags = List.copyOf(tags == null ? List.of() : tags);
    trailerFilmId = trailerFilmId == null ? Optional.empty() : trailerFilmId;
  }

  /** No details: the slug is derived from the title when the film is created. */
  public static FilmDetails none() {
    return new FilmDetails(null, List.of(), List.of(), List.of(), Optional.empty());
  }

  /** These details with another slug. */
  public FilmDetails withSlug(String newSlug) {
    return new FilmDetails(newSlug, countries, languages, tags, trailerFilmId);
  }
}
