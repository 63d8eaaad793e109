package org.screenroom.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.screenroom.server.app.FilmFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A film's masters and packages in {@link Storage}: keys {@code films/ID/master/NAME}, and
 * {@code films/ID/pkg/VERSION/FILE} for each published {@link PackageVersion} (a package from
 * before versions sits at {@code films/ID/package/FILE}). On local disk a transcode writes a
 * version's directory in place ({@link #localDir}) and nothing is copied; with a bucket the local
 * directories are scratch copies: ffmpeg reads a master from disk and writes a package there,
 * which is then put to the bucket under a new version. Scratch copies are removed after a job,
 * on a server or a clustered worker ({@link #removeScratch}), and at start-up
 * ({@link #sweepScratch}). Blocking: call it on a worker or transcode thread.
 */
public final class FilmStorage {
  private static final Logger LOG = LoggerFactory.getLogger(FilmStorage.class);
  /** Package files sit at most one directory deep ({@code v0/seg_00001.m4s}). */
  private static final int DEPTH = 2;
  private static final String MASTER_NAME = "original";

  private final Storage storage;

  /** Keeps films in {@code storage}. */
  public FilmStorage(Storage storage) {
    this.storage = storage;
  }

  /** Local disk only, the default: nothing to copy. */
  public static FilmStorage local(Path dataDir) {
    return new FilmStorage(new LocalStorage(dataDir));
  }

  /** The storage itself (the hot path reads packages from it). */
  public Storage storage() {
    return storage;
  }

  /** Whether films are kept elsewhere than the data directory. */
  public boolean remote() {
    return storage.remote();
  }

  /** Every key of the film starts with this. */
  public static String filmPrefix(String filmId) {
    return "films/" + StorageKey.require(filmId) + "/";
  }

  /** The film's unversioned package files (from before versions) start with this. */
  public static String packagePrefix(String filmId) {
    return filmPrefix(filmId) + "package/";
  }

  /**
   * The files of one version of the film's package start with this; the empty version
   * ({@code PackageVersionStore.UNVERSIONED}) names the unversioned layout.
   */
  public static String packagePrefix(String filmId, String version) {
    if (version == null || version.isEmpty()) {
      return packagePrefix(filmId);
    }
    if (!PackageVersion.valid(version)) {
      throw new IllegalArgumentException("not a package version: '" + version + "'");
    }
    return filmPrefix(filmId) + "pkg/" + version + "/";
  }

  /** The film's master starts with this. */
  public static String masterPrefix(String filmId) {
    return filmPrefix(filmId) + "master/";
  }

  /** Puts a verified master (the file in the film's master directory) to storage. */
  public void putMaster(String filmId, Path master) throws IOException {
    if (remote()) {
      storage.put(masterPrefix(filmId) + master.getFileName(), master);
      LOG.info("film {}: master {} put to {}", filmId, master.getFileName(), storage.describe());
    }
  }

  /**
   * The film's master as a local file for ffmpeg: the one in {@code masterDir} when this machine
   * has it, else copied there from storage (another machine received the upload).
   *
   * @throws NoSuchFileException when neither has a master
   */
  public Path localMaster(String filmId, Path masterDir) throws IOException {
    Optional<Path> here = findOriginal(masterDir);
    if (here.isPresent() || !remote()) {
      return here.orElseThrow(() -> new NoSuchFileException("film " + filmId + " has no stored master"));
    }
    for (StoredObject o : storage.list(masterPrefix(filmId))) {
      String name = o.key().substring(masterPrefix(filmId).length());
      if (name.startsWith(MASTER_NAME) && !name.contains("/")) {
        Path target = masterDir.resolve(name);
        storage.get(o.key(), target);
        LOG.info("film {}: master copied from {} to scratch {}", filmId, storage.describe(), target);
        return target;
      }
    }
    throw new NoSuchFileException("film " + filmId + " has no stored master");
  }

  private static Optional<Path> findOriginal(Path masterDir) throws IOException {
    if (!Files.isDirectory(masterDir)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(masterDir)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(MASTER_NAME)).findFirst();
    }
  }

  /**
   * Puts the finished package in {@code packageDir} to storage as {@code version}: media first,
   * manifests last ({@link PackageUpload}), under keys no other package uses, so nothing a viewer
   * is playing changes. The catalog then switches the film to the version; the version it
   * replaces is removed by the sweep after a grace period. A failed upload removes what it put.
   *
   * @return how many files were put
   */
  public int putPackage(String filmId, String version, Path packageDir) throws IOException {
    if (!remote()) {
      return 0;
    }
    String prefix = packagePrefix(filmId, version);
    List<String> names = packageFiles(packageDir);
    try {
      for (String name : PackageUpload.order(names)) {
        storage.put(prefix + name, packageDir.resolve(name));
      }
    } catch (IOException | RuntimeException e) {
      try {
        storage.deleteAll(prefix);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    LOG.info("film {}: package version {} of {} files put to {}", filmId, version, names.size(),
        storage.describe());
    return names.size();
  }

  /**
   * Puts the named files of an edited package (manifests and captions after a subtitle change)
   * into the version viewers get now, manifests last; nothing else is touched.
   */
  public void putFiles(String filmId, String version, Path packageDir, List<String> names)
      throws IOException {
    if (!remote()) {
      return;
    }
    String prefix = packagePrefix(filmId, version);
    for (String name : PackageUpload.order(names)) {
      storage.put(prefix + StorageKey.require(name), packageDir.resolve(name));
    }
  }

  /**
   * Copies the named files of the film's current package version from storage into
   * {@code packageDir} (a scratch directory to edit them in); a file storage lacks is skipped.
   */
  public void getFiles(String filmId, String version, Path packageDir, List<String> names)
      throws IOException {
    if (!remote()) {
      return;
    }
    String prefix = packagePrefix(filmId, version);
    for (String name : names) {
      try {
        storage.get(prefix + StorageKey.require(name), packageDir.resolve(name));
      } catch (NoSuchFileException e) {
        // Not in this package (no subtitles yet): nothing to edit.
      }
    }
  }

  /**
   * On local disk, the directory of one version of the film's package
   * ({@code DATA/films/ID/pkg/VERSION}; the empty version: {@code DATA/films/ID/package}), where
   * a transcode writes it; empty with a bucket.
   */
  public Optional<Path> localDir(String filmId, String version) {
    if (remote()) {
      return Optional.empty();
    }
    String prefix = packagePrefix(filmId, version);
    return storage.localPath(prefix.substring(0, prefix.length() - 1));
  }

  /**
   * Removes one version of the film's package (idempotent: a version already gone removes
   * nothing); on local disk its directory goes too.
   *
   * @return how many objects were removed
   */
  public int deleteVersion(String filmId, String version) throws IOException {
    int removed = storage.deleteAll(packagePrefix(filmId, version));
    if (!remote()) {
      Scratch.deleteTree(localDir(filmId, version).orElseThrow());
    }
    return removed;
  }

  /**
   * On local disk, removes the package directory of a version published before versions had
   * directories of their own ({@code films/ID/package/}) once the film's current version has its
   * own directory: nothing names those files any more.
   *
   * @return whether it was removed
   */
  public boolean deleteLegacyPackage(String filmId, String currentVersion) throws IOException {
    if (remote() || currentVersion == null || currentVersion.isEmpty()
        || !Files.isDirectory(localDir(filmId, currentVersion).orElseThrow())) {
      return false;
    }
    return Scratch.deleteTree(localDir(filmId, "").orElseThrow());
  }

  /**
   * Every package version in storage ({@code films/ID/pkg/VERSION/}) with the time its newest
   * object was written, per film: what the sweep compares with the catalog to find versions
   * nobody names (an upload that died half-way). One listing of {@code films/}.
   */
  public Map<String, Map<String, Instant>> storedVersions() throws IOException {
    Map<String, Map<String, Instant>> out = new TreeMap<>();
    for (StoredObject o : storage.list("films/")) {
      String[] parts = o.key().split("/", 5);
      if (parts.length == 5 && parts[2].equals("pkg") && PackageVersion.valid(parts[3])) {
        out.computeIfAbsent(parts[1], f -> new TreeMap<>())
            .merge(parts[3], o.modified(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    return out;
  }

  private static List<String> packageFiles(Path packageDir) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(packageDir, DEPTH)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String name = packageDir.relativize(p).toString().replace('\\', '/');
        if (Files.isRegularFile(p) && StorageKey.valid(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /**
   * With a bucket, removes the scratch copies a job made on this machine (a server or a
   * clustered worker): the master copied (or received) for ffmpeg and the package it wrote, with
   * any staging directory left beside it, and the film's directory when nothing else is left in
   * it. Nothing on local storage, where these are the stored files.
   *
   * @return how many directories were removed
   */
  public int removeScratch(FilmFiles files, String filmId) throws IOException {
    if (!remote()) {
      return 0;
    }
    Path packageDir = files.packageDir(filmId);
    int removed = 0;
    for (Path dir : List.of(files.masterDir(filmId), packageDir)) {
      removed += Scratch.deleteTree(dir) ? 1 : 0;
    }
    removed += Scratch.deleteStaging(packageDir);
    Scratch.deleteIfEmpty(files.filmDir(filmId));
    return removed;
  }

  /**
   * With a bucket, removes every film's scratch copies under {@code files} (what a process
   * that died mid-job left), at start-up before any job runs. Other film files (images,
   * subtitle sources) stay.
   *
   * @return how many directories were removed
   */
  public int sweepScratch(FilmFiles files) throws IOException {
    Path filmsDir = files.filmsDir();
    if (!remote() || !Files.isDirectory(filmsDir)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> films = Files.list(filmsDir)) {
      for (Path film : (Iterable<Path>) films::iterator) {
        String id = film.getFileName().toString();
        if (Files.isDirectory(film) && StorageKey.valid(id)) {
          removed += removeScratch(files, id);
        }
      }
    }
    if (removed > 0) {
      LOG.info("removed {} scratch directories left under {}", removed, filmsDir);
    }
    return removed;
  }

  /**
   * On local disk, removes the staging directories of versions a transcode killed mid-way was
   * writing ({@code films/ID/pkg/.VERSION.tmp-*}), before its job runs again.
   *
   * @return how many were removed
   */
  public int discardStaging(String filmId) throws IOException {
    Optional<Path> pkg = localDir(filmId, "").map(p -> p.resolveSibling("pkg"));
    if (pkg.isEmpty() || !Files.isDirectory(pkg.get())) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> entries = Files.list(pkg.get())) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") && name.contains(".tmp-") && Scratch.deleteTree(p)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** Removes every object of the film (master, package) from remote storage. */
  public int deleteFilm(String filmId) throws IOException {
    return remote() ? storage.deleteAll(filmPrefix(filmId)) : 0;
  }
}
