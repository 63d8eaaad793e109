package org.screenroom.server.stream;

import java.util.Optional;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.PackageVersionStore;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.storage.FilmStorage;

/**
 * Reads a film's {@link FilmAccess} for the hot path's cache (blocking: on the cache's
 * workers): the package of its current version, re-read only when the film or its version
 * changed (a published version never changes in place). With a bucket, the version a new one replaced stays served to
 * URLs naming it, from the index already in memory, while the bucket keeps its objects for the
 * grace period: a viewer or another server still on the old manifests finds what they name.
 */
public final class PackageAccess {
  private PackageAccess() {}

  /** The film's access now, reusing what {@code previous} held where it still holds. */
  public static FilmAccess load(Film film, Optional<FilmAccess> previous,
      PackageVersionStore versions, FilmStorage storage, FilmFiles files) {
    String id = film.id();
    boolean playable = film.status() == FilmStatus.READY;
    // Asked on every load (one indexed read): a switch must show even when two changes share a
    // timestamp.
    String version = playable ? versions.current(id).orElse(null) : null;
    Optional<FilmAccess> same = previous.filter(p -> p.playable() == playable
        && p.version().equals(film.updatedAt())
        && java.util.Objects.equals(p.packageVersion(), version));
    if (same.isPresent()) {
      FilmAccess p = same.get();
      return new FilmAccess(id, playable, p.files(), film.updatedAt(), p.packageVersion(),
          p.retired());
    }
    if (!playable) {
      return new FilmAccess(id, false, PackageIndex.empty(), film.updatedAt(), null,
          previous.map(FilmAccess::retired).orElse(null));
    }
    PackageIndex index = storage.remote()
        ? PackageIndex.load(storage.storage(), FilmStorage.packagePrefix(id,
            version == null ? PackageVersionStore.UNVERSIONED : version), version)
        : PackageIndex.load(files.packageDir(id), version);
    return new FilmAccess(id, true, index, film.updatedAt(), version,
        storage.remote() ? retired(previous, version) : null);
  }

  /**
   * The version still served beside {@code current}: the one held before when it differs (the
   * package just replaced), else whatever was retired before. On local disk there is none: the
   * old files are replaced by the new directory's rename.
   */
  static FilmAccess.Retired retired(Optional<FilmAccess> previous, String current) {
    if (previous.isEmpty()) {
      return null;
    }
    FilmAccess p = previous.get();
    if (p.packageVersion() != null && !p.packageVersion().equals(current)
        && p.files().size() > 0) {
      return new FilmAccess.Retired(p.packageVersion(), p.files());
    }
    return p.retired();
  }
}
