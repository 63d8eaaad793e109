package org.screenroom.catalog.db;

/**
 * The SQL databases the catalog runs on. Stores write SQL both understand; where they cannot
 * (full-text search, backups), they ask the {@link Database} for its dialect.
 */
public enum Dialect {
  /** One SQLite file in the data directory: the default, for a single server. */
  SQLITE("classpath:db/migration"),
  /** A PostgreSQL database, for several servers sharing one catalog. */
  POSTGRESQL("classpath:db/postgresql");

  private final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  /**
   * Where this dialect's Flyway migrations live. Both folders hold the same versions; SQLite's keep
   * the folder they always had, so catalogs made before PostgreSQL support validate unchanged.
   */
  public String migrations() {
    return migrations;
  }
}
