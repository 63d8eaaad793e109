package org.screenroom.server.app;

import java.nio.file.Path;

/**
 * Where a film's files live under the data directory:
 * {@code films/ID/master/} (the verified original, read-only) and {@code films/ID/package/}
 * (the streamable ladder, replaced atomically) and {@code films/ID/images/} (poster and stills).
 */
public final class FilmFiles {
  private final Path root;
  private final Path dataDir;

  /** Lays films out under {@code dataDir/films}. */
  public FilmFiles(Path dataDir) {
    this.dataDir = dataDir;
    this.root = dataDir.resolve("films");
  }

  /** The data directory (the root of local storage). */
  public Path dataDir() {
    return dataDir;
  }

  /** The directory of every film's own directory. */
  public Path filmsDir() {
    return root;
  }

  /** The film's own directory. */
  public Path filmDir(String filmId) {
    return root.resolve(filmId);
  }

  /** The directory holding the original. */
  public Path masterDir(String filmId) {
    return filmDir(filmId).resolve("master");
  }

  /** The poster and stills, resized ({@code NAME-WIDTH.jpg}). */
  public Path imagesDir(String filmId) {
    return filmDir(filmId).resolve("images");
  }

  /** The packaged ladder's directory. */
  public Path packageDir(String filmId) {
    return filmDir(filmId).resolve("package");
  }
}
