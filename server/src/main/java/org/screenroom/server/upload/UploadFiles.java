package org.screenroom.server.upload;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.screenroom.catalog.upload.Upload;

/**
 * The bytes of uploads in progress: {@code DATA/uploads/{id}.part}. Blocking file-system calls:
 * run them on a worker.
 */
public final class UploadFiles {
  private static final int ID_BYTES = 16;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The file naming the uploads directory: origins that share the directory read one id. */
  static final String VOLUME_FILE = ".volume";

  private final Path dir;
  private volatile String volume;

  /** Keeps uploads under {@code dir}. */
  public UploadFiles(Path dir) {
    this.dir = dir;
  }

  /**
   * The directory's id if an upload was ever created in it; never makes one (a server that only
   * looks for work leaves the directory as it found it).
   */
  public java.util.Optional<String> knownVolume() throws IOException {
    if (volume == null && !Files.exists(dir.resolve(VOLUME_FILE))) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(volume());
  }

  /**
   * The random id naming this uploads directory, from its {@value #VOLUME_FILE} file, made by
   * the first origin to need it. Origins sharing the directory (one mount) read the same id;
   * an origin with a directory of its own has another, so an upload created elsewhere is
   * recognised as out of reach instead of being started over here. Made by writing a temporary
   * file and hard-linking it in place: the link fails if another origin was first (atomic on
   * local disks and on NFS), and nobody ever reads a half-written id.
   */
  public String volume() throws IOException {
    String known = volume;
    if (known != null) {
      return known;
    }
    Files.createDirectories(dir);
    Path marker = dir.resolve(VOLUME_FILE);
    if (!Files.exists(marker)) {
      Path temp = dir.resolve(VOLUME_FILE + "-" + newId());
      Files.writeString(temp, newId() + "\n");
      try {
        Files.createLink(marker, temp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Another origin named the directory first: its id is the one.
      } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
        // A file system without hard links: a rename, which another origin could race.
        if (!Files.exists(marker)) {
          Files.move(temp, marker);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    String id = Files.readString(marker).strip();
    if (!isValidId(id)) {
      throw new IOException(marker + " does not hold an uploads directory id; remove it to "
          + "name the directory again");
    }
    volume = id;
    return id;
  }

  /** A new unguessable upload id: 128 random bits, base64url. */
  public static String newId() {
    byte[] bytes = new byte[ID_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code id} has the shape {@link #newId} makes (so it is safe in a path). */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The uploads directory. */
  public Path dir() {
    return dir;
  }

  /** The file holding upload {@code id}'s bytes. */
  public Path part(String id) {
    if (!isValidId(id)) {
      throw new IllegalArgumentException("not an upload id: " + id);
    }
    return dir.resolve(id + ".part");
  }

  /** Creates the empty file of a new upload. */
  public void create(String id) throws IOException {
    Files.createDirectories(dir);
    Files.createFile(part(id));
  }

  /**
   * The bytes really held: the stored offset, unless the file is shorter (a crash lost data the
   * catalog had not been told about is impossible, since the offset is stored after the fsync,
   * but a file restored from a backup may be). A missing file is recreated empty.
   */
  public long trueOffset(Upload upload) throws IOException {
    Path part = part(upload.id());
    long size;
    try {
      size = Files.size(part);
    } catch (NoSuchFileException e) {
      create(upload.id());
      size = 0;
    }
    return Math.min(upload.offset(), size);
  }

  /**
   * Cuts the file back to {@code length} bytes (bytes past the durable offset are not trusted:
   * a PATCH may have been cut off, or failed its checksum) and forces it to disk.
   */
  public void truncate(String id, long length) throws IOException {
    try (FileChannel ch = FileChannel.open(part(id), StandardOpenOption.WRITE)) {
      if (ch.size() > length) {
        ch.truncate(length);
      }
      ch.force(true);
    }
  }

  /** Forces the file's data to disk, so the offset stored next never runs ahead of it. */
  public void force(String id) throws IOException {
    try (FileChannel ch = FileChannel.open(part(id), StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Removes the file (if still there). */
  public void delete(String id) throws IOException {
    Files.deleteIfExists(part(id));
  }

  /** The usable bytes on the uploads directory's file system. */
  public long usableSpace() throws IOException {
    Files.createDirectories(dir);
    return Files.getFileStore(dir).getUsableSpace();
  }
}
