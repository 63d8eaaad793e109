package org.screenroom.catalog.film;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Timestamps;

/**
 * Which version of a film's package viewers get ({@code films.package_version}), and the
 * replaced versions kept in a bucket for a grace period ({@code retired_packages}). A version is
 * switched in the same transaction that marks the film ready ({@link FilmStore#markReady(String,
 * List, java.time.Duration, String, boolean)}), so the catalog never names a version whose upload
 * had not finished.
 */
public final class PackageVersionStore {
  /** The version name of a package from before versions (stored unversioned). */
  public static final String UNVERSIONED = "";

  /**
   * A replaced package version waiting for removal.
   *
   * @param filmId the film
   * @param version the replaced version, {@link #UNVERSIONED} for the old layout
   * @param retiredAt when it stopped being the film's current version
   */
  public record Retired(String filmId, String version, Instant retiredAt) {}

  private final Jdbi jdbi;

  /** Creates the store over {@code database}. */
  public PackageVersionStore(Database database) {
    this.jdbi = database.jdbi();
  }

  /** The film's current package version; empty when it has none or its package is unversioned. */
  public Optional<String> current(String filmId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT package_version FROM films WHERE id = :id")
        .bind("id", filmId).mapTo(String.class).findOne());
  }

  /**
   * Makes {@code version} the film's current one (null: an unversioned package, as written before
   * versions), inside the caller's transaction, before its renditions are replaced; the version
   * it replaces is recorded as retired when {@code retire} (a bucket keeps it for a while).
   */
  static void switchTo(Handle h, String filmId, String version, boolean retire, Instant now) {
    Optional<String> old = h.createQuery("SELECT package_version FROM films WHERE id = :id")
        .bind("id", filmId).mapTo(String.class).findOne();
    h.createUpdate("UPDATE films SET package_version = :version WHERE id = :id")
        .bind("id", filmId).bind("version", version).execute();
    String replaced = old.orElse(UNVERSIONED);
    String current = version == null ? UNVERSIONED : version;
    // A film without a version had an unversioned package only if it was ever made ready (it
    // has renditions until they are replaced below); a first transcode replaces nothing.
    boolean hadPackage = old.isPresent() || h.createQuery(
            "SELECT COUNT(*) FROM renditions WHERE film_id = :id")
        .bind("id", filmId).mapTo(Integer.class).one() > 0;
    // The same version again (a re-run of a report) retires nothing.
    if (retire && hadPackage && !replaced.equals(current)) {
      h.createUpdate("DELETE FROM retired_packages WHERE film_id = :id AND version = :version")
          .bind("id", filmId).bind("version", replaced).execute();
      h.createUpdate("INSERT INTO retired_packages (film_id, version, retired_at)"
              + " VALUES (:id, :version, :at)")
          .bind("id", filmId).bind("version", replaced).bind("at", Timestamps.format(now))
          .execute();
    }
    // A version made current again is no longer waiting for removal.
    h.createUpdate("DELETE FROM retired_packages WHERE film_id = :id AND version = :version")
        .bind("id", filmId).bind("version", current).execute();
  }

  /** Versions retired at or before {@code cutoff}, oldest first, at most {@code limit}. */
  public List<Retired> retiredBefore(Instant cutoff, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT film_id, version, retired_at"
            + " FROM retired_packages WHERE retired_at <= :cutoff ORDER BY retired_at LIMIT :limit")
        .bind("cutoff", Timestamps.format(cutoff)).bind("limit", limit)
        .map((rs, ctx) -> new Retired(rs.getString("film_id"), rs.getString("version"),
            Timestamps.parse(rs.getString("retired_at"))))
        .list());
  }

  /** Every version of the film waiting for removal. */
  public List<Retired> retired(String filmId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT film_id, version, retired_at"
            + " FROM retired_packages WHERE film_id = :id ORDER BY retired_at")
        .bind("id", filmId)
        .map((rs, ctx) -> new Retired(rs.getString("film_id"), rs.getString("version"),
            Timestamps.parse(rs.getString("retired_at"))))
        .list());
  }

  /** Forgets a retired version once its objects are removed. */
  public void forget(String filmId, String version) {
    jdbi.useHandle(h -> h.createUpdate(
            "DELETE FROM retired_packages WHERE film_id = :id AND version = :version")
        .bind("id", filmId).bind("version", version).execute());
  }
}
