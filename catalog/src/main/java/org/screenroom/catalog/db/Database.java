package org.screenroom.catalog.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The catalog database, migrated by Flyway on open: by default one SQLite file in WAL mode; for
 * several servers sharing a catalog, a PostgreSQL database (see {@link CatalogLocation}).
 *
 * <p>All methods block (JDBC); callers on an event loop must hop to a worker first.
 */
public final class Database implements AutoCloseable {
  /** How long a writer waits for another writer's lock before SQLite reports "busy". */
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;
  /**
   * PostgreSQL connections per server: the worker pool's JDBC calls are short, and every server
   * sharing the catalog holds this many, so a handful of servers stay under PostgreSQL's default
   * of 100 connections.
   */
  private static final int POSTGRESQL_POOL_SIZE = 10;
  private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

  private final CatalogLocation location;
  private final DataSource dataSource;
  private final Jdbi jdbi;

  private Database(CatalogLocation location, DataSource dataSource) {
    this.location = location;
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
    return open(CatalogLocation.sqlite(file));
  }

  /**
   * Opens the catalog at {@code location} and applies pending migrations: a SQLite file is
   * created if needed; a PostgreSQL database must exist, its tables are created in it.
   *
   * @throws CatalogException if the database cannot be reached or created, or a migration fails
   */
  public static Database open(CatalogLocation location) {
    Objects.requireNonNull(location, "location");
    DataSource ds = switch (location.dialect()) {
      case SQLITE -> sqlite(location);
      case POSTGRESQL -> postgresql(location);
    };
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations(location.dialect().migrations())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      closeQuietly(ds);
      throw new CatalogException("Cannot migrate the catalog " + location + ": " + e.getMessage(), e);
    }
    return new Database(location, ds);
  }

  private static DataSource sqlite(CatalogLocation location) {
    Path file = location.sqliteFile().orElseThrow();
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException e) {
      throw new CatalogException("Cannot create the catalog directory for " + file + ": " + e.getMessage(), e);
    }
    SQLiteDataSource ds = new SQLiteDataSource(sqliteConfig());
    ds.setUrl(location.url());
    return ds;
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

  private static DataSource postgresql(CatalogLocation location) {
    // A pool: a new PostgreSQL connection costs a TCP handshake, authentication and a backend
    // process, where a SQLite "connection" is a file open.
    HikariConfig config = new HikariConfig();
    config.setPoolName("screenroom-catalog");
    config.setJdbcUrl(location.url());
    location.user().ifPresent(config::setUsername);
    location.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(POSTGRESQL_POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new CatalogException("Cannot connect to the catalog " + location + ": "
          + rootMessage(e) + " (check db-url, db-user and db-password)", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  private static void closeQuietly(DataSource ds) {
    if (ds instanceof HikariDataSource pool) {
      pool.close();
    }
  }

  /** The Jdbi handle factory over this database. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The underlying data source (for backups and health checks). */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Which database this is, for the few statements that differ. */
  public Dialect dialect() {
    return location.dialect();
  }

  /** Where this catalog lives. */
  public CatalogLocation location() {
    return location;
  }

  /**
   * The SQLite database file.
   *
   * @throws IllegalStateException for a PostgreSQL catalog, which has no file
   */
  public Path file() {
    return location.sqliteFile().orElseThrow(() ->
        new IllegalStateException("A PostgreSQL catalog has no file."));
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

  /** Closes PostgreSQL's connection pool; SQLite holds nothing open between calls. */
  @Override
  public void close() {
    closeQuietly(dataSource);
  }
}
