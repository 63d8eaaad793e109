package org.screenroom.server.subtitle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Edits a ready film's published package in place of a new transcode (subtitle tracks added or
 * removed): the manifests are made editable in {@link #directory}, changed there, then published.
 * An edit only adds files and rewrites the entry manifests, never a file served as immutable. On local disk that directory is the package; with a bucket it is a scratch copy,
 * filled from the film's current package version and removed once the changes are put back.
 * Blocking.
 */
public interface PackageEditor {
  /**
   * The directory the film's current package is edited in: on local disk the current version's
   * own directory, with a bucket a scratch directory.
   */
  Path directory(String filmId);

  /** Makes the film's current entry manifests present in its package directory. */
  void checkout(String filmId) throws IOException;

  /**
   * Publishes the changed files (names relative to the package, e.g. {@code subs/en.vtt}), before
   * the film's change is recorded: another server that re-reads the package on seeing the change
   * must find the new files.
   */
  void publish(String filmId, List<String> changed) throws IOException;

  /** After the change is recorded: lets this server's hot path re-read the package. */
  void changed(String filmId);
}
