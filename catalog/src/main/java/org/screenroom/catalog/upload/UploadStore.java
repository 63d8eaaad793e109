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

/** Resumable uploads in progress. Every method blocks on JDBC: call it from a worker. */
public final class UploadStore {
  private static final String COLUMNS =
      "id, film_id, owner_id, filename, upload_length, upload_offset, expires_at, created_at";
  private static final String INSERT = """
      INSERT INTO uploads (id, film_id, owner_id, filename, upload_length, upload_offset,
                           expires_at, created_at, updated_at)
      VALUES (:id, :filmId, :ownerId, :filename, :length, 0, :expiresAt, :now, :now)
      """;
  private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM uploads WHERE id = :id";
  private static final String ADVANCE = """
      UPDATE uploads SET upload_offset = :offset, expires_at = :expiresAt, updated_at = :now
      WHERE id = :id
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

  /** Records a new upload at offset 0 and answers it. */
  public Upload create(String id, String filmId, String ownerId, String filename, long length,
      Instant expiresAt) {
    jdbi.useHandle(h -> h.createUpdate(INSERT).bind("id", id).bind("filmId", filmId)
        .bind("ownerId", ownerId).bind("filename", filename).bind("length", length)
        .bind("expiresAt", Timestamps.format(expiresAt)).bind("now", now()).execute());
    return find(id).orElseThrow();
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
        Timestamps.parse(rs.getString("expires_at")), Timestamps.parse(rs.getString("created_at")));
  }
}
