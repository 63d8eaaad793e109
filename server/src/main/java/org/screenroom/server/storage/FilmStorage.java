package org.screenroom.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A film's masters and packages in {@link Storage}: keys {@code films/ID/master/NAME} and
 * {@code films/ID/package/FILE}, the same layout as the data directory. With local storage every
 * method is a no-op (the files already are where storage keeps them); with a bucket the local
 * directories are scratch copies: ffmpeg reads a master from disk and writes a package there,
 * which is then put to the bucket. Blocking: call it on a worker or transcode thread.
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

  /** The film's package files start with this. */
  public static String packagePrefix(String filmId) {
    return filmPrefix(filmId) + "package/";
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
   * Puts the finished package in {@code packageDir} to storage: media first, manifests last
   * ({@link PackageUpload}), then removes the objects of an earlier package that the new one no
   * longer has. Viewers holding the old manifests keep finding their segments until the new
   * manifests are in place.
   *
   * @return how many files were put
   */
  public int putPackage(String filmId, Path packageDir) throws IOException {
    if (!remote()) {
      return 0;
    }
    String prefix = packagePrefix(filmId);
    List<String> names = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(packageDir, DEPTH)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String name = packageDir.relativize(p).toString().replace('\\', '/');
        if (Files.isRegularFile(p) && StorageKey.valid(name)) {
          names.add(name);
        }
      }
    }
    for (String name : PackageUpload.order(names)) {
      storage.put(prefix + name, packageDir.resolve(name));
    }
    Set<String> kept = new HashSet<>();
    names.forEach(n -> kept.add(prefix + n));
    int stale = 0;
    for (StoredObject o : storage.list(prefix)) {
      if (!kept.contains(o.key())) {
        storage.delete(o.key());
        stale++;
      }
    }
    LOG.info("film {}: package of {} files put to {} ({} stale removed)", filmId, names.size(),
        storage.describe(), stale);
    return names.size();
  }

  /** Removes every object of the film (master, package) from remote storage. */
  public int deleteFilm(String filmId) throws IOException {
    return remote() ? storage.deleteAll(filmPrefix(filmId)) : 0;
  }
}
