package org.screenroom.catalog.film;

/** The film feature's SQL, in one place and named. */
final class FilmSql {
  private FilmSql() {}

  static final String INSERT = """
      INSERT INTO films (id, owner_id, title, logline, synopsis, year, visibility,
                         available_from, available_until, status, progress, created_at, updated_at)
      VALUES (:id, :ownerId, :title, :logline, :synopsis, :year, :visibility,
              :availableFrom, :availableUntil, 'draft', 0, :now, :now)
      """;

  static final String UPDATE_METADATA = """
      UPDATE films SET title = :title, logline = :logline, synopsis = :synopsis, year = :year,
             visibility = :visibility, available_from = :availableFrom,
             available_until = :availableUntil, updated_at = :now
      WHERE id = :id
      """;

  static final String SELECT_ONE = "SELECT * FROM films WHERE id = :id";

  static final String SELECT_GENRES = "SELECT genre FROM film_genres WHERE film_id = :id ORDER BY ord";
  static final String SELECT_CREDITS =
      "SELECT role, name FROM film_credits WHERE film_id = :id ORDER BY ord";
  static final String SELECT_RENDITIONS = """
      SELECT kind, width, height, bitrate, codec FROM renditions WHERE film_id = :id ORDER BY ord
      """;

  static final String DELETE_GENRES = "DELETE FROM film_genres WHERE film_id = :id";
  static final String DELETE_CREDITS = "DELETE FROM film_credits WHERE film_id = :id";
  static final String DELETE_RENDITIONS = "DELETE FROM renditions WHERE film_id = :id";
  static final String INSERT_GENRE =
      "INSERT INTO film_genres (film_id, ord, genre) VALUES (:id, :ord, :genre)";
  static final String INSERT_CREDIT =
      "INSERT INTO film_credits (film_id, ord, role, name) VALUES (:id, :ord, :role, :name)";
  static final String INSERT_RENDITION = """
      INSERT INTO renditions (film_id, ord, kind, width, height, bitrate, codec)
      VALUES (:id, :ord, :kind, :width, :height, :bitrate, :codec)
      """;

  static final String SET_PROCESSING = """
      UPDATE films SET status = 'processing', progress = :progress, error = NULL, updated_at = :now
      WHERE id = :id
      """;
  static final String SET_READY = """
      UPDATE films SET status = 'ready', progress = 100, error = NULL, duration_ms = :durationMs,
             updated_at = :now
      WHERE id = :id
      """;
  static final String SET_FAILED = """
      UPDATE films SET status = 'failed', error = :error, updated_at = :now WHERE id = :id
      """;
  static final String SET_SOURCE = """
      UPDATE films SET source_filename = :filename, source_size = :size, source_sha256 = :sha256,
             updated_at = :now
      WHERE id = :id
      """;
  static final String DELETE = "DELETE FROM films WHERE id = :id";
  static final String IDS_BY_STATUS = "SELECT id FROM films WHERE status = :status ORDER BY updated_at";
  static final String COUNT = "SELECT COUNT(*) FROM films";

  /** Listing: the caller's own films or every film, optionally only what anonymous may see. */
  static final String LIST = """
      SELECT * FROM films f
      WHERE (:ownerId IS NULL OR f.owner_id = :ownerId)
        AND (:publicOnly = 0 OR (f.visibility = 'public' AND f.status = 'ready'
             AND (f.available_from IS NULL OR f.available_from <= :now)
             AND (f.available_until IS NULL OR f.available_until > :now)))
        AND (:pattern IS NULL
             OR f.title LIKE :pattern ESCAPE '!' OR f.logline LIKE :pattern ESCAPE '!'
             OR f.synopsis LIKE :pattern ESCAPE '!'
             OR EXISTS (SELECT 1 FROM film_credits c
                        WHERE c.film_id = f.id AND c.name LIKE :pattern ESCAPE '!'))
      ORDER BY f.created_at DESC, f.id
      LIMIT :limit
      """;
}
