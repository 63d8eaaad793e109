package org.screenroom.server.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Copies an original into the data directory while hashing it (one read), then makes it
 * read-only: the master is never modified after it is verified.
 */
public final class MasterCopy {
  private static final Pattern SAFE_EXTENSION = Pattern.compile("[a-z0-9]{1,8}");
  private static final int BUFFER = 1 << 20;

  private MasterCopy() {}

  /** The copied file and its SHA-256 (hex). */
  public record Result(Path file, long size, String sha256) {}

  /**
   * The on-disk name for an original called {@code filename}: {@code original.EXT}, where EXT is
   * kept only if it is a plain short extension. The name a filmmaker gave is stored in the
   * catalog, never used as a path.
   */
  public static String storedName(String filename) {
    int dot = filename == null ? -1 : filename.lastIndexOf('.');
    String ext = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    return SAFE_EXTENSION.matcher(ext).matches() ? "original." + ext : "original";
  }

  /**
   * Copies {@code source} into {@code masterDir} as {@link #storedName}, hashing as it goes.
   *
   * @param progress receives the bytes copied so far
   * @throws IOException when reading or writing fails; no partial master is left behind
   */
  public static Result copy(Path source, Path masterDir, String filename, LongConsumer progress)
      throws IOException {
    Files.createDirectories(masterDir);
    Path target = masterDir.resolve(storedName(filename));
    Path partial = masterDir.resolve(".partial-" + target.getFileName());
    MessageDigest digest = sha256();
    long copied = 0;
    try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest);
        OutputStream out = Files.newOutputStream(partial)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        copied += n;
        progress.accept(copied);
      }
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    makeReadOnly(target);
    return new Result(target, copied, HexFormat.of().formatHex(digest.digest()));
  }

  /**
   * Moves {@code received} into {@code masterDir} as {@link #storedName} (a rename on the same
   * file system, never a second copy of a 150 GB file), then hashes it and makes it read-only.
   *
   * @throws IOException when the move or the read fails
   */
  public static Result move(Path received, Path masterDir, String filename) throws IOException {
    Files.createDirectories(masterDir);
    Path target = masterDir.resolve(storedName(filename));
    Files.move(received, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    MessageDigest digest = sha256();
    long size = 0;
    try (InputStream in = Files.newInputStream(target)) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
        size += n;
      }
    }
    makeReadOnly(target);
    return new Result(target, size, HexFormat.of().formatHex(digest.digest()));
  }

  private static void makeReadOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
    } catch (UnsupportedOperationException e) {
      file.toFile().setReadOnly();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
