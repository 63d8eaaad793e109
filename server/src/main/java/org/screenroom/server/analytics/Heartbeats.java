package org.screenroom.server.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.screenroom.catalog.festival.PlaybackSession;
import org.screenroom.server.http.ApiError;

/**
 * Folds player reports into a playback session, checking them against the session: positions
 * inside the film, and no more seconds watched than wall-clock time allows since the last report
 * (plus {@link #SLACK}), so a tampered player cannot inflate the figures. Pure.
 */
public final class Heartbeats {
  /** Allowance for clock skew and reports sent just before a request. */
  static final double SLACK = 5.0;
  /** A film counts as completed once this share of it was reached. */
  static final double COMPLETED_SHARE = 0.9;
  /** Longest startup or stall one report may claim. */
  static final int MAX_WAIT_MS = 120_000;

  private Heartbeats() {}

  /**
   * The session after the reports, and what changed.
   *
   * @param session the updated session
   * @param newlyCompleted whether this batch crossed the completion mark
   * @param credited seconds of watching credited from this batch
   */
  public record Applied(PlaybackSession session, boolean newlyCompleted, double credited) {}

  /**
   * Applies {@code events} received at {@code now}.
   *
   * @param duration the film's length, when known
   * @throws ApiError 400 when a position lies outside the film
   */
  public static Applied apply(PlaybackSession s, List<PlayerEvent> events, Instant now,
      Optional<Duration> duration) {
    double limit = duration.map(d -> d.toMillis() / 1000.0 + SLACK).orElse(Double.MAX_VALUE);
    double wall = Math.max(0, Duration.between(s.lastSeenAt(), now).toMillis() / 1000.0);
    double budget = wall + SLACK;
    double position = s.position();
    double furthest = s.furthest();
    double credited = 0;
    Integer startupMs = s.startupMs();
    int stalls = s.stalls();
    long stallMs = s.stallMs();
    Integer height = s.height();
    Integer bitrate = s.bitrate();
    int errors = s.errors();
    boolean ended = s.ended();
    for (int i = 0; i < events.size(); i++) {
      PlayerEvent e = events.get(i);
      if (e.position() != null) {
        if (e.position() > limit) {
          throw ApiError.badField("events[" + i + "].position", "events[" + i + "].position is "
              + "past the end of the film.");
        }
        position = e.position();
        furthest = Math.max(furthest, position);
      }
      if (e.watched() != null) {
        double take = Math.min(e.watched(), budget - credited);
        credited += Math.max(0, take);
      }
      switch (e.type()) {
        case "start" -> startupMs = e.startupMs() == null ? startupMs
            : Math.min(e.startupMs(), MAX_WAIT_MS);
        case "stall" -> {
          stalls++;
          stallMs += e.stallMs() == null ? 0 : Math.min(e.stallMs(), MAX_WAIT_MS);
        }
        case "quality" -> {
          height = e.height() == null ? height : e.height();
          bitrate = e.bitrate() == null ? bitrate : e.bitrate();
        }
        case "error" -> errors++;
        case "end" -> ended = true;
        default -> { }
      }
    }
    double reached = furthest;
    boolean completed = s.completed() || duration.map(d -> d.toMillis() > 0
        && furthestReached(d, reached)).orElse(false);
    PlaybackSession updated = new PlaybackSession(s.id(), s.filmId(), s.viewerKind(),
        s.viewerId(), s.deviceId(), s.ip(), s.userAgent(), s.startedAt(),
        now.isAfter(s.lastSeenAt()) ? now : s.lastSeenAt(), position, furthest,
        s.secondsWatched() + credited, startupMs, stalls, stallMs, height, bitrate, errors, ended,
        completed);
    return new Applied(updated, completed && !s.completed(), credited);
  }

  private static boolean furthestReached(Duration d, double furthest) {
    return furthest >= COMPLETED_SHARE * d.toMillis() / 1000.0;
  }
}
