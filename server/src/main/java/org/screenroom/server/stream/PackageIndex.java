package org.screenroom.server.stream;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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

  /** One file's metadata; {@code content} is set for small text files. */
  public record Entry(Path path, long size, Instant modified, String etag, Buffer content) {}

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
        Buffer content = inline(name, attrs.size()) ? Buffer.buffer(Files.readAllBytes(file)) : null;
        out.put(name, new Entry(file, attrs.size(), modified, etag, content));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the package at " + dir, e);
    }
    return new PackageIndex(out);
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
