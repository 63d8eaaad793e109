package org.screenroom.catalog.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Online backup and restore of the SQLite catalog. A backup is {@code VACUUM INTO}: one
 * consistent snapshot written by SQLite itself while the server goes on reading and writing
 * (WAL readers see a fixed snapshot), then checked with {@code PRAGMA integrity_check}.
 */
public final class Backup {
  private Backup() {}

  /**
   * Writes a consistent copy of {@code database} to {@code target} (which must not exist).
   *
   * @throws CatalogException when the copy fails or does not pass the integrity check
   */
  public static void write(Database database, Path target) {
    Path absolute = target.toAbsolutePath();
    if (Files.exists(absolute)) {
      throw new CatalogException("The backup file " + target + " already exists: choose a new name.");
    }
    try {
      Path parent = absolute.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      database.jdbi().useHandle(h -> h.execute("VACUUM INTO ?", absolute.toString()));
    } catch (IOException | RuntimeException e) {
      throw new CatalogException("The backup to " + target + " failed: " + e.getMessage(), e);
    }
    List<String> problems = check(absolute);
    if (!problems.isEmpty()) {
      throw new CatalogException("The backup " + target + " failed its integrity check: " + problems);
    }
  }

  /**
   * Runs {@code PRAGMA integrity_check} on a catalog file.
   *
   * @return the problems SQLite reports; empty when the file is sound
   */
  public static List<String> check(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of(file + " is not a file");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
        PreparedStatement s = c.prepareStatement("PRAGMA integrity_check");
        ResultSet rs = s.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        String line = rs.getString(1);
        if (!"ok".equals(line)) {
          out.add(line);
        }
      }
      return out;
    } catch (SQLException e) {
      return List.of("not a readable SQLite catalog (" + e.getMessage() + ")");
    }
  }

  /**
   * Replaces the catalog at {@code catalogFile} with {@code backup} after checking it. The
   * current catalog is kept beside it as {@code catalog.db.before-restore-STAMP}. The server must
   * not be running.
   *
   * @return where the previous catalog was kept
   * @throws CatalogException when the backup is unsound or the files cannot be moved
   */
  public static Path restore(Path backup, Path catalogFile, String stamp) {
    List<String> problems = check(backup);
    if (!problems.isEmpty()) {
      throw new CatalogException("Not restoring: " + backup + " is not a sound catalog backup: " + problems);
    }
    Path kept = catalogFile.resolveSibling(catalogFile.getFileName() + ".before-restore-" + stamp);
    try {
      if (Files.exists(catalogFile)) {
        // Checkpoint first so the WAL's committed pages are inside the file we keep.
        Database.open(catalogFile).jdbi().useHandle(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        Files.move(catalogFile, kept);
      }
      for (String suffix : List.of("-wal", "-shm")) {
        Files.deleteIfExists(catalogFile.resolveSibling(catalogFile.getFileName() + suffix));
      }
      Path staging = catalogFile.resolveSibling(catalogFile.getFileName() + ".restoring");
      Files.copy(backup, staging, StandardCopyOption.REPLACE_EXISTING);
      Files.move(staging, catalogFile, StandardCopyOption.ATOMIC_MOVE);
      return kept;
    } catch (IOException e) {
      throw new CatalogException("The restore from " + backup + " failed: " + e.getMessage(), e);
    }
  }
}
