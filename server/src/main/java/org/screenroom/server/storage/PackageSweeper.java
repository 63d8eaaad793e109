package org.screenroom.server.storage;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.screenroom.catalog.film.PackageVersionStore;
import org.screenroom.catalog.film.PackageVersionStore.Retired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes from a bucket the package versions a newer transcode replaced, once they have been
 * retired for the grace period: long enough for every server's hot-path cache to have switched
 * and for a viewer's playback token, issued with the old manifests, to have expired. A version
 * that cannot be removed now stays recorded and is tried again at the next sweep. Blocking: run
 * it on a worker.
 */
public final class PackageSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(PackageSweeper.class);
  /** Versions removed per sweep at most (the rest wait for the next one). */
  static final int BATCH = 200;

  private final PackageVersionStore versions;
  private final FilmStorage storage;
  private final Clock clock;
  private final Duration grace;

  /** Sweeps versions of {@code storage} retired longer than {@code grace} ago on {@code clock}. */
  public PackageSweeper(PackageVersionStore versions, FilmStorage storage, Clock clock,
      Duration grace) {
    this.versions = versions;
    this.storage = storage;
    this.clock = clock;
    this.grace = grace;
  }

  /** How long a replaced version is kept. */
  public Duration grace() {
    return grace;
  }

  /**
   * Removes the objects of every version retired at least the grace period ago.
   *
   * @return how many versions were removed
   */
  public int sweep() {
    if (!storage.remote()) {
      return 0;
    }
    List<Retired> due = versions.retiredBefore(clock.instant().minus(grace), BATCH);
    int removed = 0;
    for (Retired r : due) {
      try {
        int objects = storage.deleteVersion(r.filmId(), r.version());
        versions.forget(r.filmId(), r.version());
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
}
