package org.screenroom.catalog.festival;

/** The festival feature's SQL, in one place and named. */
final class FestivalSql {
  private FestivalSql() {}

  static final String INSERT_FESTIVAL = """
      INSERT INTO festivals (id, owner_id, name, edition, starts_on, ends_on, webhook_url,
                             webhook_secret, created_at, updated_at)
      VALUES (:id, :ownerId, :name, :edition, :startsOn, :endsOn, :webhookUrl, :webhookSecret,
              :now, :now)
      """;
  static final String UPDATE_FESTIVAL = """
      UPDATE festivals SET name = :name, edition = :edition, starts_on = :startsOn,
             ends_on = :endsOn, webhook_url = :webhookUrl, webhook_secret = :webhookSecret,
             updated_at = :now
      WHERE id = :id
      """;
  static final String SELECT_FESTIVAL = "SELECT * FROM festivals WHERE id = :id";
  static final String LIST_FESTIVALS = """
      SELECT * FROM festivals WHERE :everything = 1 OR owner_id = :ownerId
      ORDER BY created_at DESC, id LIMIT :limit
      """;
  static final String DELETE_FESTIVAL = "DELETE FROM festivals WHERE id = :id";
  static final String FESTIVAL_FILMS =
      "SELECT film_id FROM festival_films WHERE festival_id = :id ORDER BY submitted_at, film_id";
  static final String SUBMIT_FILM = """
      INSERT INTO festival_films (festival_id, film_id, submitted_by, submitted_at)
      VALUES (:id, :filmId, :by, :now) ON CONFLICT DO NOTHING
      """;
  static final String WITHDRAW_FILM =
      "DELETE FROM festival_films WHERE festival_id = :id AND film_id = :filmId";

  static final String INSERT_PASS = """
      INSERT INTO screener_passes (id, festival_id, juror_name, juror_email, code, passcode_hash,
             opens_at, expires_at, max_plays, max_devices, max_streams, created_at, updated_at)
      VALUES (:id, :festivalId, :jurorName, :jurorEmail, :code, :passcodeHash, :opensAt,
              :expiresAt, :maxPlays, :maxDevices, :maxStreams, :now, :now)
      """;
  static final String INSERT_PASS_FILM =
      "INSERT INTO screener_pass_films (pass_id, film_id, ord) VALUES (:id, :filmId, :ord)";
  static final String SELECT_PASS = "SELECT * FROM screener_passes WHERE id = :id";
  static final String SELECT_PASS_BY_CODE = "SELECT * FROM screener_passes WHERE code = :code";
  static final String LIST_PASSES =
      "SELECT * FROM screener_passes WHERE festival_id = :festivalId ORDER BY created_at, id";
  static final String PASS_FILMS =
      "SELECT film_id FROM screener_pass_films WHERE pass_id = :id ORDER BY ord";
  static final String REVOKE_PASS = """
      UPDATE screener_passes SET revoked_at = COALESCE(revoked_at, :now), updated_at = :now
      WHERE id = :id
      """;
  static final String UPDATE_PASS_WINDOW = """
      UPDATE screener_passes SET opens_at = :opensAt, expires_at = :expiresAt,
             max_plays = :maxPlays, max_devices = :maxDevices, max_streams = :maxStreams,
             updated_at = :now
      WHERE id = :id
      """;
  static final String ACCEPT_TERMS = """
      UPDATE screener_passes SET terms_accepted_at = COALESCE(terms_accepted_at, :now),
             updated_at = :now
      WHERE id = :id
      """;
  static final String DELETE_PASS = "DELETE FROM screener_passes WHERE id = :id";

  static final String INSERT_SESSION = """
      INSERT INTO playback_sessions (id, film_id, viewer_kind, viewer_id, device_id, ip,
             user_agent, started_at, last_seen_at)
      VALUES (:id, :filmId, :viewerKind, :viewerId, :deviceId, :ip, :userAgent, :now, :now)
      """;
  static final String SELECT_SESSION = "SELECT * FROM playback_sessions WHERE id = :id";
  /**
   * A write that changes nothing, for its lock: PostgreSQL locks the pass's row until commit;
   * SQLite's transactions (IMMEDIATE) already hold the database's write lock.
   */
  static final String LOCK_PASS = "UPDATE screener_passes SET revoked_at = revoked_at WHERE id = :id";
  static final String VIEWER_SESSIONS = """
      SELECT * FROM playback_sessions WHERE viewer_kind = :kind AND viewer_id = :viewerId
      ORDER BY started_at, rowid
      """;
  static final String ACTIVE_SESSIONS =
      "SELECT COUNT(*) FROM playback_sessions WHERE ended = 0 AND last_seen_at >= :since";
  static final String FILM_SESSIONS =
      "SELECT * FROM playback_sessions WHERE film_id = :filmId ORDER BY started_at, rowid";
  static final String UPDATE_SESSION = """
      UPDATE playback_sessions SET last_seen_at = :lastSeenAt, position = :position,
             furthest = :furthest, seconds_watched = :secondsWatched, startup_ms = :startupMs,
             stalls = :stalls, stall_ms = :stallMs, height = :height, bitrate = :bitrate,
             errors = :errors, ended = :ended, completed = :completed
      WHERE id = :id
      """;
  static final String INSERT_EVENT = """
      INSERT INTO playback_events (session_id, at, type, position, height, bitrate, message)
      VALUES (:sessionId, :at, :type, :position, :height, :bitrate, :message)
      """;
  /** Per pass and film of a festival: the screener sessions, for the jury report. */
  static final String FESTIVAL_SESSIONS = """
      SELECT s.* FROM playback_sessions s JOIN screener_passes p ON p.id = s.viewer_id
      WHERE s.viewer_kind = 'screener' AND p.festival_id = :festivalId
      ORDER BY s.started_at, s.rowid
      """;

  static final String INSERT_DELIVERY = """
      INSERT INTO webhook_deliveries (id, festival_id, event, url, payload, status, created_at,
             updated_at)
      VALUES (:id, :festivalId, :event, :url, :payload, 'pending', :now, :now)
      """;
  static final String UPDATE_DELIVERY = """
      UPDATE webhook_deliveries SET attempts = :attempts, status = :status, last_code = :code,
             last_error = :error, updated_at = :now
      WHERE id = :id
      """;
  static final String LIST_DELIVERIES = """
      SELECT * FROM webhook_deliveries WHERE festival_id = :festivalId
      ORDER BY created_at DESC, id LIMIT :limit
      """;
}
