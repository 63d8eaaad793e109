package org.screenroom.catalog.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  @Test
  void open_newFile_isMigratedAndInWalMode() {
    Database db = Database.open(dir.resolve("sub/catalog.db"));

    String mode = db.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
    int tables = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name IN ('films','accounts','renditions')")
        .mapTo(Integer.class).one());

    assertThat(mode).isEqualToIgnoringCase("wal");
    assertThat(tables).isEqualTo(3);
    db.ping();
  }

  @Test
  void open_twice_migratesOnlyOnce() {
    Path file = dir.resolve("catalog.db");
    int first = appliedMigrations(Database.open(file));
    int again = appliedMigrations(Database.open(file));

    // Compared with the first open rather than a fixed number, so adding a migration keeps it true.
    assertThat(first).isGreaterThanOrEqualTo(6);
    assertThat(again).isEqualTo(first);
  }

  private static int appliedMigrations(Database db) {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1").mapTo(Integer.class).one());
  }

  @Test
  void ids_areUrlSafeAndValidated() {
    String id = Ids.newId();
    assertThat(Ids.isValid(id)).isTrue();
    assertThat(Ids.isValid("../etc/passwd")).isFalse();
    assertThat(Ids.isValid(id + "x")).isFalse();
    assertThat(Ids.isValid(null)).isFalse();
  }
}
