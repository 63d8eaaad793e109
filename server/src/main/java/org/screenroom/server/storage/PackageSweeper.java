package org.screenroom.server.storage;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.screenroom.catalog.film.PackageVersionStore;
import org.screenroom.catalog.film.PackageVersionStore.Retired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes package versions nobody will ask for again, from a bucket or the local disk:
 *
 * <ul>
 *   <li>versions a newer transcode replaced, once retired for the grace period (long enough for
 *       every origin's hot-path cache to have switched and for a viewer's playback token, issued
 *       with the old manifests, to have expired), as the catalog records them
 *       ({@code retired_packages}), so any origin sweeps them, also after a restart;
 *   <li>orphans: versions in storage that the catalog names neither as current nor as retired,
 *       of a film with no transcode running, whose newest file is older than the grace period
 *       (an upload or publish that died half-way, a process killed between publishing and
 *       recording).
 * </ul>
 *
 * <p>Every step is idempotent (removing what is gone removes nothing, forgetting a forgotten
 * version changes nothing), so two origins sweeping at once do the same work twice, never harm.
 * A version that cannot be removed now stays recorded and is tried again at the next sweep.
 * Blocking: run it on a worker.
 */
public final class PackageSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(PackageSweeper.class);
  /** Versions removed per sweep at most (the rest wait for the next one). */
  static final int BATCH = 200;

  private final PackageVersionStore versions;
  private final Predicate<String> transcoding;
  private final FilmStorage storage;
  private final Clock clock;
  private final Duration grace;
  private final Consumer<String> removedFrom;

  /**
   * Sweeps versions of {@code storage} retired (or orphaned) longer than {@code grace} ago on
   * {@code clock}.
   *
   * @param transcoding whether a film has a transcode queued or running (its new version may be
   *     being written)
   */
  public PackageSweeper(PackageVersionStore versions, Predicate<String> transcoding,
      FilmStorage storage, Clock clock, Duration grace) {
    this(versions, transcoding, storage, clock, grace, film -> { });
  }

  /**
   * As above, telling {@code removedFrom} of each film a version was removed from, after the
   * removal: an origin drops what it holds of the film (its package index, the files it keeps
   * open), which would otherwise go on serving a removed version from memory and open descriptors.
   */
  public PackageSweeper(PackageVersionStore versions, Predicate<String> transcoding,
      FilmStorage storage, Clock clock, Duration grace, Consumer<String> removedFrom) {
    this.removedFrom = removedFrom;
    this.versions = versions;
    this.transcoding = transcoding;
    this.storage = storage;
    this.clock = clock;
    this.grace = grace;
  }

  /** How long a replaced version is kept. */
  public Duration grace() {
    return grace;
  }

  /**
   * Removes the objects of every version retired at least the grace period ago, then the
   * orphans.
   *
   * @return how many versions were removed
   */
  public int sweep() {
    return sweepRetired() + sweepOrphans();
  }

  /**
   * Removes the objects of every version retired at least the grace period ago.
   *
   * @return how many versions were removed
   */
  public int sweepRetired() {
    List<Retired> due = versions.retiredBefore(clock.instant().minus(grace), BATCH);
    int removed = 0;
    for (Retired r : due) {
      try {
        // Objects first, then the record: a crash in between leaves the record to try again.
        int objects = storage.deleteVersion(r.filmId(), r.version());
        // On local disk a version from before version directories lived in package/.
        storage.deleteLegacyPackage(r.filmId(), versions.current(r.filmId()).orElse(null));
        versions.forget(r.filmId(), r.version());
        removedFrom.accept(r.filmId());
        removed++;
        LOG.info("film {}: package version {} removed ({} objects), replaced at {}", r.filmId(),
            r.version().isEmpty() ? "(unversioned)" : r.version(), objects, r.retiredAt());
      } catch (IOException | RuntimeException e) {
        LOG.warn("film {}: package version {} could not be removed yet: {}", r.filmId(),
            r.version(), e.toString());
      }
    }
    return removed;
  }

  /**
   * Removes the versions in storage nobody names: not current, not retired, no transcode of the
   * film running, newest file older than the grace period. Storage is listed first and the
   * catalog asked after, so a version recorded meanwhile is seen as recorded.
   *
   * @return how many versions were removed
   */
  public int sweepOrphans() {
    Map<String, Map<String, Instant>> stored;
    try {
      stored = storage.storedVersions();
    } catch (IOException | RuntimeException e) {
      LOG.warn("package versions in {} could not be listed: {}", storage.storage().describe(),
          e.toString());
      return 0;
    }
    Instant cutoff = clock.instant().minus(grace);
    int removed = 0;
    for (Map.Entry<String, Map<String, Instant>> film : stored.entrySet()) {
      String filmId = film.getKey();
      List<String> old = film.getValue().entrySet().stream()
          .filter(v -> !v.getValue().isAfter(cutoff)).map(Map.Entry::getKey).toList();
      if (old.isEmpty() || removed >= BATCH) {
        continue;
      }
      try {
        if (transcoding.test(filmId)) {
          continue;
        }
        Set<String> named = versions.retired(filmId).stream().map(Retired::version)
            .collect(Collectors.toSet());
        versions.current(filmId).ifPresent(named::add);
        for (String version : old) {
          if (!named.contains(version)) {
            int objects = storage.deleteVersion(filmId, version);
            removedFrom.accept(filmId);
            removed++;
            LOG.info("film {}: orphaned package version {} removed ({} objects)", filmId, version,
                objects);
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("film {}: orphaned package versions could not be removed yet: {}", filmId,
            e.toString());
      }
    }
    return removed;
  }
}
