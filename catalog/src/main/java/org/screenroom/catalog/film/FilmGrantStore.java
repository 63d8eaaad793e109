package org.screenroom.catalog.film;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Timestamps;

/**
 * Grants of private films to accounts. Every method blocks on JDBC: call it from a worker.
 */
public final class FilmGrantStore {
  private final Jdbi jdbi;
  private final Clock clock;

  /** Creates the store over {@code database}, stamping grants with {@code clock}. */
  public FilmGrantStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Grants {@code accountId} the film (idempotent). */
  public void grant(String filmId, String accountId) {
    jdbi.useHandle(h -> h.createUpdate(FilmSql.INSERT_GRANT).bind("id", filmId)
        .bind("accountId", accountId).bind("now", Timestamps.format(clock.instant())).execute());
  }

  /** Withdraws a grant; answers whether there was one. */
  public boolean revoke(String filmId, String accountId) {
    return jdbi.withHandle(h -> h.createUpdate(FilmSql.DELETE_GRANT).bind("id", filmId)
        .bind("accountId", accountId).execute()) > 0;
  }

  /** The accounts granted the film, oldest grant first. */
  public List<FilmGrant> grants(String filmId) {
    return jdbi.withHandle(h -> h.createQuery(FilmSql.SELECT_GRANTS).bind("id", filmId)
        .map((r, c) -> new FilmGrant(r.getString("username"),
            Timestamps.parse(r.getString("created_at"))))
        .list());
  }

}
