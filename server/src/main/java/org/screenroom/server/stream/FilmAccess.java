package org.screenroom.server.stream;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the hot path needs to know of a film, held in memory.
 *
 * @param filmId the film
 * @param playable whether it is ready and may be streamed at all
 * @param files its published package
 * @param version the film's last change, to tell whether a reload must re-read the package
 * @param packageVersion the version of {@code files} ({@code PackageVersion}), or null for a
 *     package from before versions
 * @param retired the versions newer ones replaced, still served to viewers who were playing them
 *     while storage keeps them (the grace period): the catalog's {@code retired_packages}, so
 *     every origin serves them, also after a restart
 */
public record FilmAccess(String filmId, boolean playable, PackageIndex files, Instant version,
    String packageVersion, List<Retired> retired) {

  /**
   * A replaced package version still served by URLs naming it.
   *
   * @param packageVersion its version
   * @param files its files
   */
  public record Retired(String packageVersion, PackageIndex files) {}

  /** Copies the retired versions (none when null). */
  public FilmAccess {
    retired = retired == null ? List.of() : List.copyOf(retired);
  }

  /** A film whose package has no version. */
  public FilmAccess(String filmId, boolean playable, PackageIndex files, Instant version) {
    this(filmId, playable, files, version, null, List.of());
  }

  /** The files of {@code packageVersion} when this holds them (current or retired). */
  public Optional<PackageIndex> held(String packageVersion) {
    if (packageVersion.equals(this.packageVersion)) {
      return Optional.of(files);
    }
    return retired.stream().filter(r -> r.packageVersion().equals(packageVersion))
        .map(Retired::files).findFirst();
  }

  /**
   * The file a playback path names: of the current package when the path names no version or
   * this one, of the retired package when it names that one; empty for any other version (one
   * removed, or never published), so a URL never answers with another package's bytes.
   */
  public Optional<PackageIndex.Entry> file(PlaybackPath path) {
    if (!playable) {
      return Optional.empty();
    }
    if (path.version() == null || path.version().equals(packageVersion)) {
      return files.get(path.file());
    }
    for (Retired r : retired) {
      if (path.version().equals(r.packageVersion())) {
        return r.files().get(path.file());
      }
    }
    return Optional.empty();
  }
}
