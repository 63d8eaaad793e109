package org.screenroom.server.jobs;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.screenroom.catalog.job.Job;

/** A transcode job's JSON shape in the API. */
public final class JobJson {
  private JobJson() {}

  /** Renders {@code job}; {@code admin} adds {@code detail} (ffmpeg's stderr tail). */
  public static JsonObject render(Job job, boolean admin) {
    JsonObject json = new JsonObject()
        .put("id", job.id())
        .put("filmId", job.filmId())
        .put("state", job.state().wire())
        .put("attempt", job.attempt())
        .put("progressPercent", job.progress().percent())
        .put("fps", job.progress().fps())
        .put("speed", job.progress().speed())
        .put("etaSeconds", job.progress().etaSeconds())
        .put("error", job.error())
        .put("queuedAt", job.queuedAt().toString())
        .put("startedAt", job.startedAt().map(Instant::toString).orElse(null))
        .put("finishedAt", job.finishedAt().map(Instant::toString).orElse(null))
        .put("updatedAt", job.updatedAt().toString())
        .put("links", new JsonObject()
            .put("self", "/api/jobs/" + job.id())
            .put("film", "/api/films/" + job.filmId())
            .put("cancel", "/api/jobs/" + job.id() + "/cancel")
            .put("retry", "/api/jobs/" + job.id() + "/retry"));
    if (admin) {
      json.put("detail", job.detail());
    }
    return json;
  }
}
