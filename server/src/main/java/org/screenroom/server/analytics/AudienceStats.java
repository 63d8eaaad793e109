package org.screenroom.server.analytics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.screenroom.catalog.festival.PlaybackSession;

/**
 * A film's viewing figures from its playback sessions. Pure.
 *
 * @param views sessions that played (sent a report with something watched, or a start)
 * @param uniqueViewers distinct viewers among them
 * @param minutesWatched media minutes played
 * @param retention share of views that reached each of {@link #BUCKETS} equal parts of the film
 * @param startupMedianMs median time to first frame, or null without start reports
 * @param stallRatio waiting time over (waiting + watching) time
 */
public record AudienceStats(String filmId, int views, int uniqueViewers, double minutesWatched,
    double[] retention, Integer startupMedianMs, double stallRatio) {
  /** Parts of the retention curve. */
  public static final int BUCKETS = 20;

  /** Computes the figures; without a known duration the curve is empty. */
  public static AudienceStats of(String filmId, List<PlaybackSession> sessions,
      Optional<Duration> duration) {
    List<PlaybackSession> views = sessions.stream()
        .filter(s -> s.secondsWatched() > 0 || s.startupMs() != null).toList();
    Set<String> viewers = new HashSet<>();
    double watched = 0;
    long stallMs = 0;
    for (PlaybackSession s : views) {
      viewers.add(s.viewerKind() + ":" + s.viewerId());
      watched += s.secondsWatched();
      stallMs += s.stallMs();
    }
    double[] retention = new double[duration.isPresent() ? BUCKETS : 0];
    double length = duration.map(d -> d.toMillis() / 1000.0).orElse(0.0);
    for (int b = 0; b < retention.length && !views.isEmpty(); b++) {
      double mark = length * b / BUCKETS;
      long reached = views.stream().filter(s -> s.furthest() >= mark).count();
      retention[b] = Math.round(1000.0 * reached / views.size()) / 1000.0;
    }
    int[] startups = views.stream().filter(s -> s.startupMs() != null)
        .mapToInt(PlaybackSession::startupMs).sorted().toArray();
    Integer median = startups.length == 0 ? null : startups.length % 2 == 1
        ? startups[startups.length / 2]
        : (startups[startups.length / 2 - 1] + startups[startups.length / 2]) / 2;
    double total = watched + stallMs / 1000.0;
    double ratio = total <= 0 ? 0 : Math.round(10000.0 * (stallMs / 1000.0) / total) / 10000.0;
    return new AudienceStats(filmId, views.size(), viewers.size(),
        Math.round(watched / 6.0) / 10.0, retention, median, ratio);
  }

  /** The figures as JSON. */
  public JsonObject json() {
    JsonArray curve = new JsonArray();
    for (double r : retention) {
      curve.add(r);
    }
    return new JsonObject().put("filmId", filmId).put("views", views)
        .put("uniqueViewers", uniqueViewers).put("minutesWatched", minutesWatched)
        .put("retention", curve).put("startupMedianMs", startupMedianMs)
        .put("stallRatio", stallRatio);
  }
}
