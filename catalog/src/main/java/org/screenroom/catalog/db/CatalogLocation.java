package org.screenroom.catalog.db;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the catalog lives: a JDBC URL and, for PostgreSQL, the credentials to log in with.
 *
 * @param url {@code jdbc:sqlite:/path/catalog.db} or {@code jdbc:postgresql://host:5432/name}
 * @param user the PostgreSQL role, when not in the URL
 * @param password the role's password, when not in the URL
 */
public record CatalogLocation(String url, Optional<String> user, Optional<String> password) {
  private static final String SQLITE_PREFIX = "jdbc:sqlite:";
  private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

  /**
   * Checks the URL names a supported database.
   *
   * @throws IllegalArgumentException with a sentence saying what is accepted
   */
  public CatalogLocation {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (dialectOf(url).isEmpty()) {
      throw new IllegalArgumentException("'" + redact(url) + "' is not a PostgreSQL or SQLite JDBC URL:"
          + " use e.g. jdbc:postgresql://db.example.org:5432/screenroom");
    }
    if (dialectOf(url).get() == Dialect.SQLITE && url.length() == SQLITE_PREFIX.length()) {
      throw new IllegalArgumentException("'" + url + "' names no SQLite file: use e.g. jdbc:sqlite:/srv/screenroom/catalog.db");
    }
  }

  /** The SQLite catalog file {@code file}, without credentials. */
  public static CatalogLocation sqlite(Path file) {
    return new CatalogLocation(SQLITE_PREFIX + file.toAbsolutePath(), Optional.empty(), Optional.empty());
  }

  /** The dialect the URL names, if it is one the catalog speaks (pure). */
  public static Optional<Dialect> dialectOf(String url) {
    String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (lower.startsWith(SQLITE_PREFIX)) {
      return Optional.of(Dialect.SQLITE);
    }
    if (lower.startsWith(POSTGRESQL_PREFIX)) {
      return Optional.of(Dialect.POSTGRESQL);
    }
    return Optional.empty();
  }

  /** The database this location names. */
  public Dialect dialect() {
    return dialectOf(url).orElseThrow();
  }

  /** The SQLite file, for a SQLite location. */
  public Optional<Path> sqliteFile() {
    if (dialect() != Dialect.SQLITE) {
      return Optional.empty();
    }
    String rest = url.substring(SQLITE_PREFIX.length());
    rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
    int query = rest.indexOf('?');
    return Optional.of(Path.of(query >= 0 ? rest.substring(0, query) : rest));
  }

  /** The URL with any password in it masked, for logs and error messages (pure). */
  public static String redact(String url) {
    return url == null ? "" : url.replaceAll("(?i)(password=)[^&]*", "$1***")
        .replaceAll("(//[^/@:]+:)[^/@]*@", "$1***@");
  }

  /** The URL with any password masked, for logs. */
  @Override
  public String toString() {
    return redact(url) + user.map(u -> " as " + u).orElse("");
  }
}
