package org.screenroom.server.cli;

import java.util.List;
import org.screenroom.catalog.db.Dialect;
import org.screenroom.server.config.ConfigException;
import org.screenroom.server.config.ServerConfig;

/** Refuses the SQLite file commands ({@code backup}, {@code restore}) on a PostgreSQL catalog. */
final class SqliteOnly {
  private SqliteOnly() {}

  /**
   * Checks the catalog is a SQLite file.
   *
   * @throws ConfigException naming PostgreSQL's own tools when it is not
   */
  static void check(ServerConfig config, String command) {
    if (config.catalog().dialect() == Dialect.POSTGRESQL) {
      throw new ConfigException(List.of("'" + command + "' copies a SQLite catalog file, and db-url"
          + " names a PostgreSQL database: use pg_dump to back it up and pg_restore to restore it."));
    }
  }
}
