package org.screenroom.catalog.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The catalog database: one SQLite file in WAL mode, migrated by Flyway on open.
 *
 * <p>All methods block (JDBC); callers on an event loop must hop to a worker first.
 */
public final class Database {
  /** How long a writer waits for another writer's lock before SQLite reports "busy". */
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final Path file;
  private final DataSource dataSource;
  private final Jdbi jdbi;

  private Database(Path file, DataSource dataSource) {
    this.file = file;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
  }

  /**
   * Opens (creating if needed) the SQLite catalog at {@code file} and applies pending migrations.
   *
   * @throws CatalogException if the file cannot be created or a migration fails
   */
  public static Database open(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException e) {
      throw new CatalogException("Cannot create the catalog directory for " + file + ": " + e.getMessage(), e);
    }
    SQLiteDataSource ds = new SQLiteDataSource(sqliteConfig());
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new CatalogException("Cannot migrate the catalog " + file + ": " + e.getMessage(), e);
    }
    return new Database(file, ds);
  }

  private static SQLiteConfig sqliteConfig() {
    SQLiteConfig config = new SQLiteConfig();
    // WAL lets readers (the API, the hot-path cache loader) go on while a writer commits.
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    // A deferred transaction that reads and then writes fails at once with SQLITE_BUSY when another
    // connection committed in between (WAL cannot upgrade a stale snapshot; the busy timeout does
    // not apply). Seen as 500s on token checks while a transcode job wrote its progress.
    // IMMEDIATE takes the write lock at BEGIN, where the busy timeout does apply.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return config;
  }

  /** The Jdbi handle factory over this database. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The underlying data source (for backups and health checks). */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /**
   * Checks that the catalog answers a trivial query.
   *
   * @throws CatalogException when it does not
   */
  public void ping() {
    try {
      jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
    } catch (RuntimeException e) {
      throw new CatalogException("The catalog does not answer: " + e.getMessage(), e);
    }
  }
}
