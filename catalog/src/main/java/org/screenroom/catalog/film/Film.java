package org.screenroom.catalog.film;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A film in the catalog, as stored.
 *
 * @param progress 0..100 while {@link FilmStatus#PROCESSING}
 * @param error a sentence for the filmmaker when {@link FilmStatus#FAILED}, else null
 */
public record Film(
    String id,
    String ownerId,
    FilmMetadata metadata,
    FilmStatus status,
    int progress,
    String error,
    Optional<SourceFile> source,
    Optional<Duration> duration,
    List<Rendition> renditions,
    Instant createdAt,
    Instant updatedAt) {

  /** Shortcut for the title. */
  public String title() {
    return metadata.title();
  }

  /** Shortcut for the visibility. */
  public Visibility visibility() {
    return metadata.visibility();
  }

  /** Whether the release window (if any) is open at {@code now}. */
  public boolean releasedAt(Instant now) {
    return metadata.availableFrom().map(from -> !now.isBefore(from)).orElse(true)
        && metadata.availableUntil().map(until -> now.isBefore(until)).orElse(true);
  }
}
