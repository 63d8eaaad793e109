package org.screenroom.catalog.film;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A film in the catalog, as stored.
 *
 * @param progress 0..100 while {@link FilmStatus#PROCESSING}
 * @param error a sentence for the filmmaker when {@link FilmStatus#FAILED}, else null
 * @param details slug, countries, languages, tags and trailer
 * @param images poster and stills
 * @param grantees ids of the accounts granted this film while it is private
 * @param next the new package version being prepared while a ready film keeps playing, or null
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
    Instant updatedAt,
    FilmDetails details,
    FilmImages images,
    Set<String> grantees,
    NextVersion next) {

  /** Normalises the newer parts: no details, no images, no grants when absent. */
  public Film {
    details = details == null ? FilmDetails.none() : details;
    images = images == null ? FilmImages.none() : images;
    grantees = Set.copyOf(grantees == null ? Set.of() : grantees);
  }

  /** A film with no new version being prepared. */
  public Film(String id, String ownerId, FilmMetadata metadata, FilmStatus status, int progress,
      String error, Optional<SourceFile> source, Optional<Duration> duration,
      List<Rendition> renditions, Instant createdAt, Instant updatedAt, FilmDetails details,
      FilmImages images, Set<String> grantees) {
    this(id, ownerId, metadata, status, progress, error, source, duration, renditions, createdAt,
        updatedAt, details, images, grantees, null);
  }

  /** A film without details, images or grants (the shape before they existed). */
  public Film(String id, String ownerId, FilmMetadata metadata, FilmStatus status, int progress,
      String error, Optional<SourceFile> source, Optional<Duration> duration,
      List<Rendition> renditions, Instant createdAt, Instant updatedAt) {
    this(id, ownerId, metadata, status, progress, error, source, duration, renditions, createdAt,
        updatedAt, null, null, null);
  }

  /**
   * Whether a transcode is preparing a package of the film: its first ({@code processing}) or,
   * while a ready film keeps playing, its next version.
   */
  public boolean preparing() {
    return status == FilmStatus.PROCESSING
        || (next != null && next.status() == FilmStatus.PROCESSING);
  }

  /** Shortcut for the slug. */
  public String slug() {
    return details.slug() == null ? id : details.slug();
  }

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
