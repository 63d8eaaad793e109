package org.screenroom.catalog.film;

/** The film feature's SQL, in one place and named. */
final class FilmSql {
  private FilmSql() {}

  static final String INSERT = """
      INSERT INTO films (id, owner_id, title, logline, synopsis, year, visibility,
                         available_from, available_until, status, progress, created_at, updated_at,
                         slug, trailer_film_id)
      VALUES (:id, :ownerId, :title, :logline, :synopsis, :year, :visibility,
              :availableFrom, :availableUntil, 'draft', 0, :now, :now, :slug, :trailerFilmId)
      """;

  static final String UPDATE_DETAILS = """
      UPDATE films SET slug = COALESCE(:slug, slug), trailer_film_id = :trailerFilmId,
             updated_at = :now
      WHERE id = :id
      """;
  static final String SELECT_BY_SLUG = "SELECT * FROM films WHERE slug = :slug";
  /** Slugs equal to a base or to the base with a numeric suffix, to pick the next free one. */
  static final String SLUGS_LIKE = """
      SELECT slug FROM films WHERE slug = :base OR slug LIKE :base || '-%'
      """;

  static final String SELECT_COUNTRIES =
      "SELECT code FROM film_countries WHERE film_id = :id ORDER BY ord";
  static final String SELECT_LANGUAGES =
      "SELECT tag FROM film_languages WHERE film_id = :id ORDER BY ord";
  static final String SELECT_TAGS = "SELECT tag FROM film_tags WHERE film_id = :id ORDER BY ord";
  static final String DELETE_COUNTRIES = "DELETE FROM film_countries WHERE film_id = :id";
  static final String DELETE_LANGUAGES = "DELETE FROM film_languages WHERE film_id = :id";
  static final String DELETE_TAGS = "DELETE FROM film_tags WHERE film_id = :id";
  static final String INSERT_COUNTRY =
      "INSERT INTO film_countries (film_id, ord, code) VALUES (:id, :ord, :value)";
  static final String INSERT_LANGUAGE =
      "INSERT INTO film_languages (film_id, ord, tag) VALUES (:id, :ord, :value)";
  static final String INSERT_TAG = "INSERT INTO film_tags (film_id, ord, tag) VALUES (:id, :ord, :value)";

  static final String SELECT_IMAGES = """
      SELECT name, kind, width, height, widths, created_at FROM film_images
      WHERE film_id = :id ORDER BY kind, ord, created_at
      """;
  static final String INSERT_IMAGE = """
      INSERT INTO film_images (name, film_id, kind, ord, width, height, widths, created_at)
      VALUES (:name, :id, :kind,
              (SELECT COALESCE(MAX(ord), -1) + 1 FROM film_images WHERE film_id = :id AND kind = :kind),
              :width, :height, :widths, :now)
      """;
  static final String DELETE_POSTER = "DELETE FROM film_images WHERE film_id = :id AND kind = 'poster'";
  static final String DELETE_IMAGE = "DELETE FROM film_images WHERE film_id = :id AND name = :name";

  static final String SELECT_GRANTEES = "SELECT account_id FROM film_grants WHERE film_id = :id";
  static final String SELECT_GRANTS = """
      SELECT a.username, g.created_at FROM film_grants g JOIN accounts a ON a.id = g.account_id
      WHERE g.film_id = :id ORDER BY g.created_at, a.username
      """;
  static final String INSERT_GRANT = """
      INSERT INTO film_grants (film_id, account_id, created_at) VALUES (:id, :accountId, :now)
      ON CONFLICT (film_id, account_id) DO NOTHING
      """;
  static final String DELETE_GRANT =
      "DELETE FROM film_grants WHERE film_id = :id AND account_id = :accountId";

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

  // A ready film keeps its status (its current version keeps playing): what is being prepared
  // goes to next_*. Every right-hand side reads the row as it was before the UPDATE. The next
  // version's progress leaves updated_at alone: the hot path re-reads a package when the film's
  // updated_at moves, and the package viewers get did not change.
  static final String SET_PROCESSING = """
      UPDATE films SET
        next_status = CASE WHEN status = 'ready' THEN 'processing' ELSE NULL END,
        next_progress = CASE WHEN status = 'ready' THEN :progress ELSE NULL END,
        next_error = NULL,
        progress = CASE WHEN status = 'ready' THEN progress ELSE :progress END,
        error = CASE WHEN status = 'ready' THEN error ELSE NULL END,
        status = CASE WHEN status = 'ready' THEN 'ready' ELSE 'processing' END,
        updated_at = :now
      WHERE id = :id
      """;
  static final String SET_PROGRESS = """
      UPDATE films SET
        next_progress = CASE WHEN status = 'ready' THEN :progress ELSE next_progress END,
        progress = CASE WHEN status = 'ready' THEN progress ELSE :progress END,
        updated_at = CASE WHEN status = 'ready' THEN updated_at ELSE :now END
      WHERE id = :id AND (status = 'processing' OR next_status = 'processing')
      """;
  static final String SET_READY = """
      UPDATE films SET status = 'ready', progress = 100, error = NULL, duration_ms = :durationMs,
             next_status = NULL, next_progress = NULL, next_error = NULL, updated_at = :now
      WHERE id = :id
      """;
  static final String SET_FAILED = """
      UPDATE films SET
        next_status = CASE WHEN status = 'ready' THEN 'failed' ELSE NULL END,
        next_error = CASE WHEN status = 'ready' THEN :error ELSE NULL END,
        error = CASE WHEN status = 'ready' THEN error ELSE :error END,
        status = CASE WHEN status = 'ready' THEN 'ready' ELSE 'failed' END,
        updated_at = :now
      WHERE id = :id
      """;
  static final String SET_SOURCE = """
      UPDATE films SET source_filename = :filename, source_size = :size, source_sha256 = :sha256,
             updated_at = :now
      WHERE id = :id
      """;
  static final String DELETE = "DELETE FROM films WHERE id = :id";
  static final String IDS_BY_STATUS = """
      SELECT id FROM films
      WHERE status = :status OR (:status = 'processing' AND next_status = 'processing')
      ORDER BY updated_at
      """;
  static final String COUNT = "SELECT COUNT(*) FROM films";

  static final String DELETE_SEARCH = "DELETE FROM film_search WHERE film_id = :id";
  static final String INSERT_SEARCH = """
      INSERT INTO film_search (film_id, title, logline, synopsis, credits, tags)
      VALUES (:id, :title, :logline, :synopsis, :credits, :tags)
      """;
  /** PostgreSQL's search document: weight A the title, B credits and tags, C logline, D synopsis. */
  static final String INSERT_SEARCH_POSTGRESQL = """
      INSERT INTO film_search (film_id, document)
      VALUES (:id, setweight(to_tsvector('simple', :title), 'A')
                   || setweight(to_tsvector('simple', :people), 'B')
                   || setweight(to_tsvector('simple', :logline), 'C')
                   || setweight(to_tsvector('simple', :synopsis), 'D'))
      """;

  /** The filters every listing shares: ownership, what anonymous may see, genre and year. */
  private static final String FILTERS = """
        (:ownerId IS NULL OR f.owner_id = :ownerId)
        AND (:publicOnly = 0 OR (f.visibility = 'public' AND f.status = 'ready'
             AND (f.available_from IS NULL OR f.available_from <= :now)
             AND (f.available_until IS NULL OR f.available_until > :now)))
        AND (:genre IS NULL OR EXISTS (SELECT 1 FROM film_genres g
                                       WHERE g.film_id = f.id AND lower(g.genre) = lower(:genre)))
        AND (:year IS NULL OR f.year = :year)
        AND (:language IS NULL OR EXISTS (SELECT 1 FROM film_languages l
             WHERE l.film_id = f.id AND (lower(l.tag) = lower(:language)
                                         OR lower(l.tag) LIKE lower(:language) || '-%')))
      """;

  /** A page of films, newest first, after a keyset cursor (created_at, id). */
  static final String PAGE = "SELECT f.* FROM films f WHERE " + FILTERS + """
        AND (:afterCreated IS NULL OR f.created_at < :afterCreated
             OR (f.created_at = :afterCreated AND f.id > :afterId))
      ORDER BY f.created_at DESC, f.id
      LIMIT :limit
      """;

  /**
   * A page of search results, best first: BM25 with the title weighing most, then credits, tags,
   * the logline and the synopsis. Ranks shift as films change, so search pages by offset.
   */
  static final String SEARCH = """
      SELECT f.* FROM film_search s JOIN films f ON f.id = s.film_id
      WHERE film_search MATCH :match AND """ + FILTERS + """
      ORDER BY bm25(film_search, 0.0, 10.0, 4.0, 1.0, 6.0, 5.0), f.created_at DESC, f.id
      LIMIT :limit OFFSET :offset
      """;

  /**
   * {@link #SEARCH} for PostgreSQL: ts_rank with weights (D, C, B, A) = (synopsis 0.1, logline 0.4,
   * credits and tags 0.6, title 1.0), near SQLite's BM25 weights.
   */
  static final String SEARCH_POSTGRESQL = """
      SELECT f.* FROM film_search s JOIN films f ON f.id = s.film_id
      CROSS JOIN to_tsquery('simple', :match) q
      WHERE s.document @@ q AND """ + FILTERS + """
      ORDER BY ts_rank('{0.1, 0.4, 0.6, 1.0}', s.document, q) DESC, f.created_at DESC, f.id
      LIMIT :limit OFFSET :offset
      """;
}
