package org.screenroom.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes scratch directories on this machine (blocking file IO). */
final class Scratch {
  private Scratch() {}

  /** Deletes {@code dir} and everything in it; false when it was not there. */
  static boolean deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return false;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        // A master is kept read-only; its directory is not, so it can be removed.
        Files.deleteIfExists(p);
      }
    }
    return true;
  }

  /** Deletes {@code dir} when it is an empty directory (a film left with nothing in it). */
  static void deleteIfEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        return;
      }
    }
    try {
      Files.deleteIfExists(dir);
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // Something arrived meanwhile: it stays.
    }
  }

  /** Deletes the staging directories a transcode leaves beside {@code packageDir} if it dies. */
  static int deleteStaging(Path packageDir) throws IOException {
    Path parent = packageDir.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return 0;
    }
    String prefix = "." + packageDir.getFileName() + ".tmp-";
    int removed = 0;
    try (Stream<Path> siblings = Files.list(parent)) {
      for (Path p : (Iterable<Path>) siblings::iterator) {
        if (p.getFileName().toString().startsWith(prefix) && deleteTree(p)) {
          removed++;
        }
      }
    }
    return removed;
  }
}
