package org.screenroom.server.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.screenroom.catalog.film.Rendition;
import org.screenroom.catalog.job.JobProgress;
import org.screenroom.server.ingest.FilmTranscode;
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.server.storage.PackageVersion;

/**
 * What servers and transcode workers say to each other over the clustered event bus: the
 * addresses and the JSON of each message, in one place. Pure.
 *
 * <p>A worker asks any server for a job ({@link #CLAIM}); the server takes one in the catalog
 * for that worker and answers with it. The worker then reports {@link #PROGRESS}, renews its
 * lease with {@link #HEARTBEAT} and reports the end with {@link #RESULT}. Servers
 * {@link #WAKE} idle workers when a job is queued and publish {@link #CANCEL} to stop one.
 */
public final class JobMessages {
  private JobMessages() {}

  /** Worker to a server, request: {@code {worker}}; reply {@code {jobId, filmId, heartbeatMillis}} or {@code {}}. */
  public static final String CLAIM = "screenroom.jobs.claim";
  /** Worker to a server, request: {@code {worker, jobId, filmId, percent, fps, speed, eta}}; reply {@code {running}}. */
  public static final String PROGRESS = "screenroom.jobs.progress";
  /** Worker to a server, request: {@code {worker, jobs: [id]}}; reply {@code {lost: [id]}}, jobs it no longer holds. */
  public static final String HEARTBEAT = "screenroom.jobs.heartbeat";
  /** Worker to a server, request: {@code {worker, jobId, ending, ...}}; reply {@code {recorded}}. */
  public static final String RESULT = "screenroom.jobs.result";
  /** Server to every worker, publish: {@code {jobId}}. */
  public static final String CANCEL = "screenroom.jobs.cancel";
  /** Server to every worker, publish: a job was queued. */
  public static final String WAKE = "screenroom.jobs.wake";

  /** A job handed to a worker. */
  public record Assignment(String jobId, String filmId, long heartbeatMillis) {}

  static JsonObject claim(String worker) {
    return new JsonObject().put("worker", worker);
  }

  static JsonObject assignment(Assignment a) {
    return new JsonObject().put("jobId", a.jobId()).put("filmId", a.filmId())
        .put("heartbeatMillis", a.heartbeatMillis());
  }

  /** The assignment in a claim's reply, or null when the server had no job. */
  static Assignment assignment(JsonObject body) {
    if (body == null || body.getString("jobId") == null) {
      return null;
    }
    return new Assignment(body.getString("jobId"), body.getString("filmId"),
        body.getLong("heartbeatMillis", 10_000L));
  }

  static JsonObject progress(String worker, String jobId, String filmId, JobProgress p) {
    return new JsonObject().put("worker", worker).put("jobId", jobId).put("filmId", filmId)
        .put("percent", p.percent()).put("fps", p.fps()).put("speed", p.speed())
        .put("eta", p.etaSeconds());
  }

  static JobProgress progress(JsonObject body) {
    return new JobProgress(Math.max(0, Math.min(99, body.getInteger("percent", 0))),
        body.getDouble("fps"), body.getDouble("speed"), body.getLong("eta"));
  }

  static JsonObject heartbeat(String worker, List<String> jobIds) {
    return new JsonObject().put("worker", worker).put("jobs", new JsonArray(new ArrayList<>(jobIds)));
  }

  static JsonObject result(String worker, String jobId, FilmTranscode.Report r) {
    JsonArray renditions = new JsonArray();
    r.renditions().forEach(x -> renditions.add(new JsonObject().put("kind", x.kind())
        .put("width", x.width()).put("height", x.height()).put("bitrate", x.bitrate())
        .put("codec", x.codec())));
    return new JsonObject().put("worker", worker).put("jobId", jobId)
        .put("ending", r.ending().name()).put("renditions", renditions)
        .put("sourceMillis", r.sourceDuration() == null ? null : r.sourceDuration().toMillis())
        .put("error", r.error()).put("detail", r.detail())
        .put("packageVersion", r.packageVersion());
  }

  /**
   * The report in a result message.
   *
   * @throws IllegalArgumentException when the message is not a result
   */
  static FilmTranscode.Report report(JsonObject body) {
    Ingestor.Ending ending = Ingestor.Ending.valueOf(body.getString("ending", ""));
    List<Rendition> renditions = new ArrayList<>();
    for (Object o : body.getJsonArray("renditions", new JsonArray())) {
      JsonObject x = (JsonObject) o;
      renditions.add(new Rendition(x.getString("kind"), x.getInteger("width", 0),
          x.getInteger("height", 0), x.getLong("bitrate", 0L), x.getString("codec")));
    }
    Long millis = body.getLong("sourceMillis");
    if (ending == Ingestor.Ending.DONE && (renditions.isEmpty() || millis == null)) {
      throw new IllegalArgumentException("a done result must carry renditions and a duration");
    }
    return new FilmTranscode.Report(ending, renditions,
        millis == null ? null : Duration.ofMillis(millis), body.getString("error"),
        body.getString("detail"), packageVersion(body.getString("packageVersion")));
  }

  /** A version a worker names must be one (it becomes part of keys and URLs). */
  private static String packageVersion(String version) {
    if (version != null && !PackageVersion.valid(version)) {
      throw new IllegalArgumentException("not a package version: " + version);
    }
    return version;
  }
}
