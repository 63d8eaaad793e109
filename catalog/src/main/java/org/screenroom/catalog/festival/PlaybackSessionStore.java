package org.screenroom.catalog.festival;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Timestamps;

/** Playback sessions and their diagnostic events. Every method blocks on JDBC. */
public final class PlaybackSessionStore {
  /** 16 random bytes: 128 bits, 22 base64url characters. */
  private static final int ID_BYTES = 16;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;

  /** Creates the store over {@code database}. */
  public PlaybackSessionStore(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Whether {@code id} has the shape of a session id. */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** Starts a session at {@code now} and answers it. */
  public PlaybackSession start(String filmId, String viewerKind, String viewerId, String deviceId,
      String ip, String userAgent, Instant now) {
    byte[] bytes = new byte[ID_BYTES];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbi.useHandle(h -> h.createUpdate(FestivalSql.INSERT_SESSION).bind("id", id)
        .bind("filmId", filmId).bind("viewerKind", viewerKind).bind("viewerId", viewerId)
        .bind("deviceId", deviceId).bind("ip", ip).bind("userAgent", userAgent)
        .bind("now", Timestamps.format(now)).execute());
    return find(id).orElseThrow();
  }

  /**
   * Runs {@code admit} holding the screener pass {@code passId} against every other thread and
   * server sharing the catalog, and commits what it wrote when it returns. Reading the pass's
   * sessions, deciding and starting the new session happen as one step, so two plays racing for
   * a pass's last stream (on two origins, or two workers of one) cannot both get it. The
   * sessions read and started inside, through this store on this thread, join the transaction
   * (Jdbi reuses the thread's handle). A refusal thrown inside rolls everything back.
   */
  public <T> T admitting(String passId, Supplier<T> admit) {
    return jdbi.inTransaction(h -> {
      h.createUpdate(FestivalSql.LOCK_PASS).bind("id", passId).execute();
      return admit.get();
    });
  }

  /** The session with {@code id}, if any. */
  public Optional<PlaybackSession> find(String id) {
    if (!isValidId(id)) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.SELECT_SESSION).bind("id", id)
        .map((rs, ctx) -> read(rs)).findOne());
  }

  /** How many sessions have not ended and were last heard from at or after {@code since}. */
  public long countActive(Instant since) {
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.ACTIVE_SESSIONS)
        .bind("since", Timestamps.format(since)).mapTo(Long.class).one());
  }

  /** Every session of one viewer, oldest first. */
  public List<PlaybackSession> forViewer(String viewerKind, String viewerId) {
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.VIEWER_SESSIONS).bind("kind", viewerKind)
        .bind("viewerId", viewerId).map((rs, ctx) -> read(rs)).list());
  }

  /** Every session of one film, oldest first. */
  public List<PlaybackSession> forFilm(String filmId) {
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.FILM_SESSIONS).bind("filmId", filmId)
        .map((rs, ctx) -> read(rs)).list());
  }

  /** Every screener session of a festival's passes, oldest first. */
  public List<PlaybackSession> forFestival(String festivalId) {
    return jdbi.withHandle(h -> h.createQuery(FestivalSql.FESTIVAL_SESSIONS)
        .bind("festivalId", festivalId).map((rs, ctx) -> read(rs)).list());
  }

  /** Writes the session's changing figures. */
  public void save(PlaybackSession s) {
    jdbi.useHandle(h -> h.createUpdate(FestivalSql.UPDATE_SESSION).bind("id", s.id())
        .bind("lastSeenAt", Timestamps.format(s.lastSeenAt())).bind("position", s.position())
        .bind("furthest", s.furthest()).bind("secondsWatched", s.secondsWatched())
        .bind("startupMs", s.startupMs()).bind("stalls", s.stalls()).bind("stallMs", s.stallMs())
        .bind("height", s.height()).bind("bitrate", s.bitrate()).bind("errors", s.errors())
        .bind("ended", s.ended() ? 1 : 0).bind("completed", s.completed() ? 1 : 0).execute());
  }

  /** Keeps a diagnostic event (errors, quality switches). */
  public void addEvent(String sessionId, Instant at, String type, Double position, Integer height,
      Integer bitrate, String message) {
    jdbi.useHandle(h -> h.createUpdate(FestivalSql.INSERT_EVENT).bind("sessionId", sessionId)
        .bind("at", Timestamps.format(at)).bind("type", type).bind("position", position)
        .bind("height", height).bind("bitrate", bitrate).bind("message", message).execute());
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static PlaybackSession read(ResultSet rs) throws SQLException {
    return new PlaybackSession(rs.getString("id"), rs.getString("film_id"),
        rs.getString("viewer_kind"), rs.getString("viewer_id"), rs.getString("device_id"),
        rs.getString("ip"), rs.getString("user_agent"),
        Timestamps.parse(rs.getString("started_at")), Timestamps.parse(rs.getString("last_seen_at")),
        rs.getDouble("position"), rs.getDouble("furthest"), rs.getDouble("seconds_watched"),
        integer(rs, "startup_ms"), rs.getInt("stalls"), rs.getLong("stall_ms"),
        integer(rs, "height"), integer(rs, "bitrate"), rs.getInt("errors"),
        rs.getInt("ended") != 0, rs.getInt("completed") != 0);
  }
}
