package org.screenroom.catalog.festival;

import java.time.Instant;

/**
 * One playback of one film by one viewer on one device, kept up to date by player heartbeats.
 *
 * @param viewerKind {@code screener} (viewerId is the pass id), {@code account} or {@code anonymous}
 * @param position the last reported position, seconds
 * @param furthest the furthest position reached, seconds
 * @param secondsWatched media seconds played, credited after server-side checks
 * @param startupMs time from play to first frame, or null before the start event
 */
public record PlaybackSession(String id, String filmId, String viewerKind, String viewerId,
    String deviceId, String ip, String userAgent, Instant startedAt, Instant lastSeenAt,
    double position, double furthest, double secondsWatched, Integer startupMs, int stalls,
    long stallMs, Integer height, Integer bitrate, int errors, boolean ended, boolean completed) {

  /** The kind for screener passes. */
  public static final String SCREENER = "screener";
  /** The kind for signed-in accounts. */
  public static final String ACCOUNT = "account";
  /** The kind for anonymous viewers. */
  public static final String ANONYMOUS = "anonymous";
}
