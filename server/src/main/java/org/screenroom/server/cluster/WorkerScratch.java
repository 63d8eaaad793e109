package org.screenroom.server.cluster;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import org.screenroom.server.app.FilmFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copies a worker makes on its own disk when films live in a bucket: the master copied from
 * the bucket for ffmpeg to read, and the package ffmpeg writes before it is put to the bucket.
 * Once a job ended (done, failed or cancelled) they are of no more use, and a worker that died
 * mid-job left its copies behind for its next start; left alone they fill the disk a film at a
 * time. With local storage the data directory is the storage itself (shared by the servers)
 * and nothing here is touched. Blocking file IO: call it on the worker's own threads.
 */
final class WorkerScratch {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerScratch.class);

  private final FilmFiles files;
  private final boolean scratch;

  /**
   * @param files the worker's local film layout
   * @param scratch whether those files are copies (films kept in a bucket); false leaves them
   */
  WorkerScratch(FilmFiles files, boolean scratch) {
    this.files = files;
    this.scratch = scratch;
  }

  /** Removes the film's local copies after its job ended here; false when there was nothing. */
  boolean removeFilm(String filmId) {
    if (!scratch) {
      return false;
    }
    try {
      return deleteTree(files.filmDir(filmId));
    } catch (IOException e) {
      // The next start removes it; only disk space is lost meanwhile.
      LOG.warn("film {}: could not remove the local copies in {}: {}", filmId,
          files.filmDir(filmId), e.toString());
      return false;
    }
  }

  /**
   * Removes every film's local copies: at start, before any job runs, what a worker killed
   * mid-job left behind. The data directory must be this worker's own (the documented setup
   * with a bucket); nothing is done with local storage.
   *
   * @return how many films' copies were removed
   */
  int removeAll() {
    Path root = files.filmsDir();
    if (!scratch || !Files.isDirectory(root)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> films = Files.list(root)) {
      for (Path film : (Iterable<Path>) films::iterator) {
        if (deleteTree(film)) {
          removed++;
        }
      }
    } catch (IOException e) {
      LOG.warn("could not remove the local copies left in {}: {}", root, e.toString());
    }
    if (removed > 0) {
      LOG.info("removed the local copies of {} film(s) left by an earlier run", removed);
    }
    return removed;
  }

  private static boolean deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return false;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
    return true;
  }
}
