package org.screenroom.server.stream;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.screenroom.server.storage.Storage;
import org.screenroom.server.storage.StoredObject;

/**
 * Every file of a published package with its size, modification time and strong ETag, read
 * once on a worker when the film's access is loaded. A package never changes once published (a
 * new transcode publishes a new one), so the hot path answers conditional and range requests
 * from memory. Manifests and captions are held in memory too, so they can be compressed.
 */
public final class PackageIndex {
  /** Text files up to this size are kept in memory (manifests, playlists, WebVTT). */
  private static final long INLINE_MAX = 256 * 1024;
  private static final int DEPTH = 2;

  /**
   * One file's metadata; {@code content} (and its gzip form {@code gzipped}) are set for small
   * text files, compressed once here rather than on every request. {@code lastModified} is
   * {@code modified} as an HTTP date, formatted once too (it showed in the hot path's profile).
   * A file kept in remote storage has no {@code path} but its storage {@code key}. A file on
   * disk has its {@code fileKey} (device and inode, {@link BasicFileAttributes#fileKey()}; null
   * where the file system has none), so an open file can be told from another one later renamed
   * to the same path by a new transcode ({@link OpenFiles}).
   */
  public record Entry(Path path, long size, Instant modified, String lastModified, String etag,
      Buffer content, Buffer gzipped, String key, Object fileKey) {
    /** A file on this machine's disk, without a file key. */
    public Entry(Path path, long size, Instant modified, String lastModified, String etag,
        Buffer content, Buffer gzipped) {
      this(path, size, modified, lastModified, etag, content, gzipped, null, null);
    }

    /** A file kept in remote storage under {@code key}. */
    public Entry(Path path, long size, Instant modified, String lastModified, String etag,
        Buffer content, Buffer gzipped, String key) {
      this(path, size, modified, lastModified, etag, content, gzipped, key, null);
    }

    /** The strong ETag of the gzip representation (a different byte sequence). */
    public String gzipEtag() {
      return etag.substring(0, etag.length() - 1) + "-gz\"";
    }
  }

  private final Map<String, Entry> entries;

  private PackageIndex(Map<String, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  /** An index with nothing in it (a film without a package). */
  public static PackageIndex empty() {
    return new PackageIndex(Map.of());
  }

  /**
   * Reads the package at {@code dir} (blocking: call it on a worker).
   *
   * @throws UncheckedIOException when the directory cannot be read
   */
  public static PackageIndex load(Path dir) {
    return load(dir, null);
  }

  /**
   * Reads the package at {@code dir} (blocking: call it on a worker), its entry manifests served
   * for {@code version} ({@link VersionedManifests}; null: as they are).
   *
   * @throws UncheckedIOException when the directory cannot be read
   */
  public static PackageIndex load(Path dir, String version) {
    if (!Files.isDirectory(dir)) {
      return empty();
    }
    Map<String, Entry> out = new HashMap<>();
    try (Stream<Path> files = Files.walk(dir, DEPTH)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
          continue;
        }
        String name = dir.relativize(file).toString().replace('\\', '/');
        Instant modified = attrs.lastModifiedTime().toInstant();
        String etag = "\"" + Long.toHexString(attrs.size()) + "-"
            + Long.toHexString(modified.toEpochMilli()) + "\"";
        byte[] bytes = inline(name, attrs.size()) ? Files.readAllBytes(file) : null;
        if (bytes != null && version != null && VersionedManifests.entry(name)) {
          bytes = VersionedManifests.rewrite(name, bytes, version);
          etag = versioned(etag, version);
        }
        out.put(name, new Entry(file, bytes == null ? attrs.size() : bytes.length, modified,
            Conditional.httpDate(modified), etag, bytes == null ? null : Buffer.buffer(bytes),
            bytes == null ? null : gzip(bytes), null, attrs.fileKey()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the package at " + dir, e);
    }
    return new PackageIndex(out);
  }

  /**
   * Reads the package kept under {@code prefix} in remote storage (blocking: call it on a
   * worker): sizes and ETags from one listing, manifests and captions fetched into memory.
   *
   * @throws UncheckedIOException when storage cannot be read
   */
  public static PackageIndex load(Storage storage, String prefix) {
    return load(storage, prefix, null);
  }

  /**
   * Reads the package kept under {@code prefix} in remote storage (blocking: call it on a
   * worker), its entry manifests served for {@code version} ({@link VersionedManifests}; null:
   * as they are).
   *
   * @throws UncheckedIOException when storage cannot be read
   */
  public static PackageIndex load(Storage storage, String prefix, String version) {
    Map<String, Entry> out = new HashMap<>();
    try {
      for (StoredObject o : storage.list(prefix)) {
        String name = o.key().substring(prefix.length());
        if (name.chars().filter(c -> c == '/').count() >= DEPTH) {
          continue;
        }
        byte[] bytes = null;
        String etag = o.etag();
        if (inline(name, o.size())) {
          try (InputStream in = storage.open(o.key(), 0, -1)) {
            bytes = in.readAllBytes();
          }
          if (version != null && VersionedManifests.entry(name)) {
            bytes = VersionedManifests.rewrite(name, bytes, version);
            etag = versioned(etag, version);
          }
        }
        out.put(name, new Entry(null, bytes == null ? o.size() : bytes.length, o.modified(),
            Conditional.httpDate(o.modified()), etag,
            bytes == null ? null : Buffer.buffer(bytes), bytes == null ? null : gzip(bytes),
            o.key()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the package under " + prefix + " in "
          + storage.describe(), e);
    }
    return new PackageIndex(out);
  }

  /** A rewritten manifest's ETag: the stored file's, marked with the version it names. */
  private static String versioned(String etag, String version) {
    return etag.substring(0, etag.length() - 1) + "-" + version + "\"";
  }

  private static Buffer gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return Buffer.buffer(out.toByteArray());
  }

  private static boolean inline(String name, long size) {
    return size <= INLINE_MAX
        && (name.endsWith(".m3u8") || name.endsWith(".mpd") || name.endsWith(".vtt"));
  }

  /** The file named {@code relative} (as in {@link PlaybackPath#file()}), if the package has it. */
  public Optional<Entry> get(String relative) {
    return Optional.ofNullable(entries.get(relative));
  }

  /** How many files the package holds. */
  public int size() {
    return entries.size();
  }
}
