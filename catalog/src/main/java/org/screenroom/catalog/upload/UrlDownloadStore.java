package org.screenroom.catalog.upload;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Timestamps;

/**
 * Downloads of films' originals from an address (URL ingest), one per film, each held by the
 * download that runs it until its lease runs out. The download renews its lease while it runs;
 * a lease that ran out was left by an origin that died, and any origin settles it. Every method
 * blocks on JDBC: call it from a worker.
 */
public final class UrlDownloadStore {
  /**
   * A download that was running.
   *
   * @param filmId the film it downloads the original of
   * @param holder the download's own random id (also in its temporary directory's name)
   * @param leaseUntil when it counts as abandoned unless renewed
   */
  public record Download(String filmId, String holder, Instant leaseUntil) {}

  private static final String DELETE_EXPIRED =
      "DELETE FROM url_downloads WHERE film_id = :filmId AND lease_until < :now";
  // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): of two origins claiming one film,
  // one inserts and the other changes nothing, with no failed statement to roll back.
  private static final String INSERT = """
      INSERT INTO url_downloads (film_id, holder, lease_until, started_at)
      VALUES (:filmId, :holder, :until, :now) ON CONFLICT (film_id) DO NOTHING
      """;
  private static final String RENEW = """
      UPDATE url_downloads SET lease_until = :until WHERE film_id = :filmId AND holder = :holder
      """;
  private static final String RELEASE =
      "DELETE FROM url_downloads WHERE film_id = :filmId AND holder = :holder";
  private static final String SETTLE = """
      DELETE FROM url_downloads WHERE film_id = :filmId AND holder = :holder AND lease_until < :now
      """;
  private static final String EXPIRED = """
      SELECT film_id, holder, lease_until FROM url_downloads WHERE lease_until < :now
      ORDER BY lease_until
      """;
  private static final String FIND =
      "SELECT film_id, holder, lease_until FROM url_downloads WHERE film_id = :filmId";

  private final Jdbi jdbi;
  private final Clock clock;

  /** Creates the store over {@code database}, reading the time from {@code clock}. */
  public UrlDownloadStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /**
   * Records a download of the film for {@code holder}, unless another download holds it (an
   * abandoned one, whose lease ran out, gives way).
   *
   * @return false when another download of the film is running
   */
  public boolean claim(String filmId, String holder, Instant until) {
    String now = now();
    return jdbi.withHandle(h -> {
      h.createUpdate(DELETE_EXPIRED).bind("filmId", filmId).bind("now", now).execute();
      return h.createUpdate(INSERT).bind("filmId", filmId).bind("holder", holder)
          .bind("until", Timestamps.format(until)).bind("now", now).execute() == 1;
    });
  }

  /** Extends the download's lease; false when it is no longer {@code holder}'s. */
  public boolean renew(String filmId, String holder, Instant until) {
    return jdbi.withHandle(h -> h.createUpdate(RENEW).bind("filmId", filmId)
        .bind("holder", holder).bind("until", Timestamps.format(until)).execute()) == 1;
  }

  /** Forgets the download, if it is still {@code holder}'s. */
  public void release(String filmId, String holder) {
    jdbi.useHandle(h -> h.createUpdate(RELEASE).bind("filmId", filmId).bind("holder", holder)
        .execute());
  }

  /** The downloads whose lease ran out before now, oldest lease first. */
  public List<Download> expired() {
    return jdbi.withHandle(h -> h.createQuery(EXPIRED).bind("now", now())
        .map((rs, ctx) -> new Download(rs.getString("film_id"), rs.getString("holder"),
            Timestamps.parse(rs.getString("lease_until")))).list());
  }

  /**
   * Forgets an abandoned download, when its lease has still not been renewed: of several origins
   * settling the same download, exactly one sees true and records the outcome.
   */
  public boolean settle(Download download) {
    return jdbi.withHandle(h -> h.createUpdate(SETTLE).bind("filmId", download.filmId())
        .bind("holder", download.holder()).bind("now", now()).execute()) == 1;
  }

  /** The film's download, if one is recorded (running, or abandoned and not settled yet). */
  public Optional<Download> find(String filmId) {
    return jdbi.withHandle(h -> h.createQuery(FIND).bind("filmId", filmId)
        .map((rs, ctx) -> new Download(rs.getString("film_id"), rs.getString("holder"),
            Timestamps.parse(rs.getString("lease_until")))).findOne());
  }

  private String now() {
    return Timestamps.format(clock.instant());
  }
}
