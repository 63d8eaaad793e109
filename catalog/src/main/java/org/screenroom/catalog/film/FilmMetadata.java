package org.screenroom.catalog.film;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a filmmaker writes about a film: the fields the API accepts and returns.
 * Optional text fields are null when absent.
 */
public record FilmMetadata(
    String title,
    String logline,
    String synopsis,
    Integer year,
    List<String> genres,
    List<Credit> credits,
    Visibility visibility,
    Optional<Instant> availableFrom,
    Optional<Instant> availableUntil) {

  /** Normalises collections to immutable copies and requires a title and a visibility. */
  public FilmMetadata {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(visibility, "visibility");
    genres = List.copyOf(genres == null ? List.of() : genres);
    credits = List.copyOf(credits == null ? List.of() : credits);
    availableFrom = availableFrom == null ? Optional.empty() : availableFrom;
    availableUntil = availableUntil == null ? Optional.empty() : availableUntil;
  }

  /** Metadata with only a title, as a new draft. */
  public static FilmMetadata titled(String title, Visibility visibility) {
    return new FilmMetadata(title, null, null, null, List.of(), List.of(), visibility,
        Optional.empty(), Optional.empty());
  }
}
