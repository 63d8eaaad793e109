package org.screenroom.server.stream;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.PackageVersionStore;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.storage.FilmStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a film's {@link FilmAccess} for the hot path's cache (blocking: on the cache's
 * workers): the package of its current version, re-read only when the film or its version
 * changed (a published version never changes in place), and the versions newer ones replaced
 * that storage still keeps for their grace period, as the catalog lists them
 * ({@code retired_packages}): a viewer on the old manifests finds what they name on every origin,
 * also after a restart, until the sweep removes them. A ready film being transcoded again stays
 * playable on its current version until the new one replaces it.
 */
public final class PackageAccess {
  private static final Logger LOG = LoggerFactory.getLogger(PackageAccess.class);

  private PackageAccess() {}

  /** The film's access now, reusing what {@code previous} held where it still holds. */
  public static FilmAccess load(Film film, Optional<FilmAccess> previous,
      PackageVersionStore versions, FilmStorage storage, FilmFiles files) {
    String id = film.id();
    boolean playable = film.status() == FilmStatus.READY;
    // Asked on every load (one indexed read): a switch must show even when two changes share a
    // timestamp.
    String version = playable ? versions.current(id).orElse(null) : null;
    List<FilmAccess.Retired> retired = playable
        ? retired(id, versions, previous, storage, files) : List.of();
    Optional<FilmAccess> same = previous.filter(p -> p.playable() == playable
        && p.version().equals(film.updatedAt())
        && Objects.equals(p.packageVersion(), version));
    if (same.isPresent()) {
      FilmAccess p = same.get();
      return new FilmAccess(id, playable, p.files(), film.updatedAt(), p.packageVersion(),
          retired);
    }
    if (!playable) {
      return new FilmAccess(id, false, PackageIndex.empty(), film.updatedAt(), null, List.of());
    }
    return new FilmAccess(id, true, index(id, version, storage, files), film.updatedAt(), version,
        retired);
  }

  /**
   * The package of {@code version} (null: the unversioned one): under its keys in a bucket; on
   * local disk in its own directory ({@code films/ID/pkg/VERSION}), or the package directory for
   * a version published before versions had directories of their own.
   */
  static PackageIndex index(String id, String version, FilmStorage storage, FilmFiles files) {
    String name = version == null ? PackageVersionStore.UNVERSIONED : version;
    if (storage.remote()) {
      return PackageIndex.load(storage.storage(), FilmStorage.packagePrefix(id, name), version);
    }
    Path dir = storage.localDir(id, name).filter(Files::isDirectory)
        .orElse(files.packageDir(id));
    return PackageIndex.load(dir, version);
  }

  /**
   * The versions still served beside the current one: the catalog's retired versions of the
   * film, their files reused from {@code previous} when it held them, else read from storage.
   * The unversioned layout is left out: unversioned URLs name the current package.
   */
  static List<FilmAccess.Retired> retired(String id, PackageVersionStore versions,
      Optional<FilmAccess> previous, FilmStorage storage, FilmFiles files) {
    List<FilmAccess.Retired> out = new ArrayList<>();
    for (PackageVersionStore.Retired r : versions.retired(id)) {
      if (r.version().isEmpty()) {
        continue;
      }
      Optional<PackageIndex> held = previous.flatMap(p -> p.held(r.version()));
      try {
        PackageIndex index = held.orElseGet(() -> index(id, r.version(), storage, files));
        if (index.size() > 0) {
          out.add(new FilmAccess.Retired(r.version(), index));
        }
      } catch (UncheckedIOException e) {
        // The current version plays regardless; a viewer on the old one may retry.
        LOG.warn("film {}: replaced version {} could not be read: {}", id, r.version(),
            e.toString());
      }
    }
    return out;
  }
}
