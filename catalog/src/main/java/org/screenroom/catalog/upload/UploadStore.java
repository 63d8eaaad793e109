package org.screenroom.catalog.upload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Timestamps;

/**
 * Resumable uploads in progress. Every method blocks on JDBC: call it from a worker.
 *
 * <p>An upload is held by one request at a time (a PATCH receiving bytes, or the handover),
 * whichever origin sharing the catalog it reached: {@link #hold} is one conditional UPDATE, so of
 * two racing holders exactly one wins. A holder renews its hold while it works; a hold that ran
 * out (its origin died) may be taken by anyone.
 */
public final class UploadStore {
  private static final String COLUMNS =
      "id, film_id, owner_id, filename, upload_length, upload_offset, expires_at, created_at, "
      + "volume";
  private static final String INSERT = """
      INSERT INTO uploads (id, film_id, owner_id, filename, upload_length, upload_offset,
                           expires_at, created_at, updated_at, volume)
      VALUES (:id, :filmId, :ownerId, :filename, :length, 0, :expiresAt, :now, :now, :volume)
      """;
  private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM uploads WHERE id = :id";
  private static final String ADVANCE = """
      UPDATE uploads SET upload_offset = :offset, expires_at = :expiresAt, updated_at = :now
      WHERE id = :id
      """;
  /** Records bytes only for the request that still holds the upload. */
  private static final String ADVANCE_HELD = """
      UPDATE uploads SET upload_offset = :offset, expires_at = :expiresAt, updated_at = :now
      WHERE id = :id AND holder = :holder AND held_until >= :now
      """;
  /** Takes a free upload, or one whose holder's lease ran out (its origin died). */
  private static final String HOLD = """
      UPDATE uploads SET holder = :holder, held_until = :until
      WHERE id = :id AND (holder IS NULL OR held_until < :now)
      """;
  private static final String RENEW = """
      UPDATE uploads SET held_until = :until
      WHERE id = :id AND holder = :holder AND held_until >= :now
      """;
  private static final String RELEASE = """
      UPDATE uploads SET holder = NULL, held_until = NULL WHERE id = :id AND holder = :holder
      """;
  private static final String DELETE = "DELETE FROM uploads WHERE id = :id";
  private static final String EXPIRED =
      "SELECT " + COLUMNS + " FROM uploads WHERE expires_at <= :now ORDER BY expires_at";
  private static final String OF_FILM =
      "SELECT " + COLUMNS + " FROM uploads WHERE film_id = :filmId ORDER BY created_at";
  private static final String COMPLETE =
      "SELECT " + COLUMNS + " FROM uploads WHERE upload_offset = upload_length ORDER BY created_at";

  private final Jdbi jdbi;
  private final Clock clock;

  /** Creates the store over {@code database}, stamping rows with {@code clock}. */
  public UploadStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Records a new upload at offset 0, in no named uploads directory, and answers it. */
  public Upload create(String id, String filmId, String ownerId, String filename, long length,
      Instant expiresAt) {
    return create(id, filmId, ownerId, filename, length, expiresAt, null);
  }

  /**
   * Records a new upload at offset 0 whose bytes go to the uploads directory named
   * {@code volume}, and answers it.
   */
  public Upload create(String id, String filmId, String ownerId, String filename, long length,
      Instant expiresAt, String volume) {
    jdbi.useHandle(h -> h.createUpdate(INSERT).bind("id", id).bind("filmId", filmId)
        .bind("ownerId", ownerId).bind("filename", filename).bind("length", length)
        .bind("expiresAt", Timestamps.format(expiresAt)).bind("now", now())
        .bind("volume", volume).execute());
    return find(id).orElseThrow();
  }

  /**
   * Takes the upload for {@code holder} until {@code until}, when nobody holds it or its holder's
   * hold ran out.
   *
   * @return false when another holder has it (or the upload is gone)
   */
  public boolean hold(String id, String holder, Instant until) {
    return jdbi.withHandle(h -> h.createUpdate(HOLD).bind("id", id).bind("holder", holder)
        .bind("until", Timestamps.format(until)).bind("now", now()).execute()) == 1;
  }

  /** Extends {@code holder}'s hold; false when it ran out or was taken (the holder must stop). */
  public boolean renew(String id, String holder, Instant until) {
    return jdbi.withHandle(h -> h.createUpdate(RENEW).bind("id", id).bind("holder", holder)
        .bind("until", Timestamps.format(until)).bind("now", now()).execute()) == 1;
  }

  /** Lets go of the upload, if {@code holder} still holds it. */
  public void release(String id, String holder) {
    jdbi.useHandle(h -> h.createUpdate(RELEASE).bind("id", id).bind("holder", holder).execute());
  }

  /** Whether someone holds the upload now (a hold that ran out counts as none). */
  public boolean held(String id) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM uploads WHERE id = :id AND holder IS NOT NULL "
                + "AND held_until >= :now")
        .bind("id", id).bind("now", now()).mapTo(Integer.class).one()) > 0;
  }

  /** The upload with {@code id}, if any. */
  public Optional<Upload> find(String id) {
    return jdbi.withHandle(h -> h.createQuery(SELECT_ONE).bind("id", id)
        .map((rs, ctx) -> read(rs)).findOne());
  }

  /**
   * Records that the bytes before {@code offset} are on disk and extends the expiry.
   *
   * @return false when the upload no longer exists (terminated or expired meanwhile)
   */
  public boolean advance(String id, long offset, Instant expiresAt) {
    return jdbi.withHandle(h -> h.createUpdate(ADVANCE).bind("id", id).bind("offset", offset)
        .bind("expiresAt", Timestamps.format(expiresAt)).bind("now", now()).execute()) > 0;
  }

  /**
   * {@link #advance}, only while {@code holder} still holds the upload: a request whose hold ran
   * out (and may have been taken by another) must not move the offset.
   *
   * @return false when the upload no longer exists or is no longer {@code holder}'s
   */
  public boolean advance(String id, String holder, long offset, Instant expiresAt) {
    return jdbi.withHandle(h -> h.createUpdate(ADVANCE_HELD).bind("id", id)
        .bind("holder", holder).bind("offset", offset)
        .bind("expiresAt", Timestamps.format(expiresAt)).bind("now", now()).execute()) > 0;
  }

  /** Forgets the upload; answers whether it existed. */
  public boolean delete(String id) {
    return jdbi.withHandle(h -> h.createUpdate(DELETE).bind("id", id).execute()) > 0;
  }

  /** Uploads whose expiry is at or before {@code now}, oldest expiry first. */
  public List<Upload> expired(Instant now) {
    return jdbi.withHandle(h -> h.createQuery(EXPIRED).bind("now", Timestamps.format(now))
        .map((rs, ctx) -> read(rs)).list());
  }

  /** The uploads (finished or not) for film {@code filmId}, oldest first. */
  public List<Upload> ofFilm(String filmId) {
    return jdbi.withHandle(h -> h.createQuery(OF_FILM).bind("filmId", filmId)
        .map((rs, ctx) -> read(rs)).list());
  }

  /** Uploads that received every byte but were not handed over yet (a stop in between). */
  public List<Upload> complete() {
    return jdbi.withHandle(h -> h.createQuery(COMPLETE).map((rs, ctx) -> read(rs)).list());
  }

  private String now() {
    return Timestamps.format(clock.instant());
  }

  private static Upload read(ResultSet rs) throws SQLException {
    return new Upload(rs.getString("id"), rs.getString("film_id"), rs.getString("owner_id"),
        rs.getString("filename"), rs.getLong("upload_length"), rs.getLong("upload_offset"),
        Timestamps.parse(rs.getString("expires_at")), Timestamps.parse(rs.getString("created_at")),
        Optional.ofNullable(rs.getString("volume")));
  }
}
