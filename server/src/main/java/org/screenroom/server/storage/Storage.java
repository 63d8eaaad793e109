package org.screenroom.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where masters and packages live: the local data directory ({@link LocalStorage}, the default)
 * or an S3-compatible bucket ({@link S3Storage}). Keys are relative, slash-separated names such
 * as {@code films/ID/package/v0/seg_00001.m4s}, checked by {@link StorageKey} before any file or
 * request is touched. Every method blocks (disk or network): call them on a worker thread, never
 * on a Vert.x event loop.
 */
public interface Storage {

  /**
   * Stores the file at {@code source} under {@code key}, replacing any object there. A reader
   * sees either the old object or the whole new one, never a part.
   *
   * @throws IllegalArgumentException when the key is not a valid {@link StorageKey}
   * @throws IOException when the file cannot be read or the object not written
   */
  void put(String key, Path source) throws IOException;

  /**
   * Copies the object under {@code key} to the file {@code target} (replaced if present).
   *
   * @throws NoSuchFileException when there is no such object
   * @throws IOException when it cannot be read or the file not written
   */
  void get(String key, Path target) throws IOException;

  /**
   * Opens {@code length} bytes of the object from byte {@code first} ({@code length < 0}: to the
   * end). The caller closes the stream; closing early releases the connection.
   *
   * @throws NoSuchFileException when there is no such object
   * @throws IOException when it cannot be read
   */
  InputStream open(String key, long first, long length) throws IOException;

  /**
   * The object's size, modification time and ETag, or empty when there is none.
   *
   * @throws IOException when storage cannot be asked
   */
  Optional<StoredObject> stat(String key) throws IOException;

  /**
   * Every object whose key starts with {@code prefix} (a valid key followed by {@code /}, or the
   * empty string for all), sorted by key. Names that are not valid keys (temporary files) are
   * left out.
   *
   * @throws IOException when storage cannot be listed
   */
  List<StoredObject> list(String prefix) throws IOException;

  /**
   * Removes the object under {@code key}; a missing object is not an error.
   *
   * @throws IOException when it cannot be removed
   */
  void delete(String key) throws IOException;

  /**
   * Removes every object under {@code prefix} (as in {@link #list}).
   *
   * @return how many objects were removed
   * @throws IOException when one could not be removed
   */
  int deleteAll(String prefix) throws IOException;

  /**
   * A URL anyone may GET the object at until {@code ttl} has passed, for redirecting viewers to
   * the bucket; empty when this storage has no such URLs (local disk).
   */
  Optional<URI> presign(String key, Duration ttl);

  /**
   * The object as a file on this machine (local disk: zero-copy {@code sendFile}, ffmpeg reads
   * it in place); empty for remote storage, whose objects must be copied or streamed.
   */
  Optional<Path> localPath(String key);

  /** Whether objects live somewhere else than the data directory (and must be copied there). */
  default boolean remote() {
    return localPath("probe").isEmpty();
  }

  /**
   * Asks storage whether it is reachable and usable, within a few seconds (a bucket: one
   * HeadBucket). Local disk: nothing to ask.
   *
   * @throws IOException when it does not answer, or refuses
   */
  default void ping() throws IOException {}

  /** A line for the start-up log, e.g. {@code s3 http://minio:9000 bucket films}. */
  String describe();
}
