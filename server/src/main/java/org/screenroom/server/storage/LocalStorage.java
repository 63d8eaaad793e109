package org.screenroom.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Objects as files under a root directory (the data directory): key {@code films/ID/master/x}
 * is the file {@code ROOT/films/ID/master/x}. The default storage, laid out exactly as before
 * storage was configurable, so an existing data directory needs no migration.
 */
public final class LocalStorage implements Storage {
  private final Path root;

  /** Stores under {@code root}. */
  public LocalStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The file for {@code key}; the key check already rules out escapes, this re-checks. */
  private Path file(String key) {
    Path p = root.resolve(StorageKey.require(key)).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("not a valid storage key: '" + key + "'");
    }
    return p;
  }

  @Override
  public void put(String key, Path source) throws IOException {
    Path target = file(key);
    if (Files.exists(target) && Files.isSameFile(source, target)) {
      return;
    }
    Files.createDirectories(target.getParent());
    // A hidden sibling, renamed over the target: readers never see half a file.
    Path partial = target.resolveSibling(".put-" + target.getFileName() + "-" + System.nanoTime());
    try {
      Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  @Override
  public void get(String key, Path target) throws IOException {
    Path source = file(key);
    if (!Files.isRegularFile(source)) {
      throw new NoSuchFileException(key);
    }
    if (Files.exists(target) && Files.isSameFile(source, target)) {
      return;
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public InputStream open(String key, long first, long length) throws IOException {
    Path source = file(key);
    if (!Files.isRegularFile(source)) {
      throw new NoSuchFileException(key);
    }
    FileChannel channel = FileChannel.open(source, StandardOpenOption.READ);
    channel.position(first);
    InputStream in = Channels.newInputStream(channel);
    return length < 0 ? in : new BoundedInputStream(in, length);
  }

  @Override
  public Optional<StoredObject> stat(String key) throws IOException {
    Path p = file(key);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    return Optional.of(describe(key, Files.readAttributes(p, BasicFileAttributes.class)));
  }

  private static StoredObject describe(String key, BasicFileAttributes attrs) {
    long millis = attrs.lastModifiedTime().toMillis();
    return new StoredObject(key, attrs.size(), attrs.lastModifiedTime().toInstant(),
        "\"" + Long.toHexString(attrs.size()) + "-" + Long.toHexString(millis) + "\"");
  }

  @Override
  public List<StoredObject> list(String prefix) throws IOException {
    StorageKey.requirePrefix(prefix);
    // Walk the deepest directory the prefix names; keys are then filtered by the whole prefix.
    int slash = prefix.lastIndexOf('/');
    Path dir = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    List<StoredObject> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String key = root.relativize(p).toString().replace('\\', '/');
        if (!key.startsWith(prefix) || !StorageKey.valid(key)) {
          continue;
        }
        BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
        if (attrs.isRegularFile()) {
          out.add(describe(key, attrs));
        }
      }
    } catch (NoSuchFileException e) {
      // Removed while walking: what is left is the listing.
    }
    out.sort(Comparator.comparing(StoredObject::key));
    return out;
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(file(key));
  }

  @Override
  public int deleteAll(String prefix) throws IOException {
    int removed = 0;
    for (StoredObject o : list(prefix)) {
      if (Files.deleteIfExists(file(o.key()))) {
        removed++;
      }
    }
    return removed;
  }

  @Override
  public Optional<URI> presign(String key, Duration ttl) {
    return Optional.empty();
  }

  @Override
  public Optional<Path> localPath(String key) {
    return Optional.of(file(key));
  }

  @Override
  public String describe() {
    return "local " + root;
  }
}
