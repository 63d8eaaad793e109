package org.screenroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.catalog.job.Job;
import org.screenroom.catalog.job.JobState;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/**
 * A worker's result that comes after it lost its job (its lease ran out, the job was queued
 * again and another worker took it) is refused by the server and changes neither the job nor
 * the film; the result of the worker holding the job is recorded.
 */
class LateResultTest {
  @TempDir Path data;

  private static JsonObject done(String worker, String jobId) {
    return new JsonObject().put("worker", worker).put("jobId", jobId).put("ending", "DONE")
        .put("renditions", new JsonArray().add(new JsonObject().put("kind", "video")
            .put("width", 320).put("height", 180).put("bitrate", 400_000L).put("codec", "avc1")))
        .put("sourceMillis", 4_000L);
  }

  @Test
  void resultOfAWorkerThatLostItsJob_isRefused_theHoldersResultIsRecorded() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (TestServer server = TestServer.start(data, clock, Map.of("cluster", "127.0.0.1:" + port,
        "cluster-port", Integer.toString(port)))) {
      var app = server.app();
      JobDispatcher dispatcher = server.server().dispatcher().orElseThrow();
      String admin = app.accounts().findByUsername("admin").orElseThrow().id();
      Film film = app.films().create(admin, FilmMetadata.titled("A film", Visibility.PRIVATE));
      app.films().markProcessing(film.id(), 0);
      var jobs = app.jobs();
      Job job = jobs.enqueue(film.id());
      // worker-1 took it and went silent past its lease; the job was queued again and worker-2
      // took it (enqueue, requeue and take run back to back: the server's own runner, which
      // looks at the queue every few seconds, is not given the time to take it).
      assertThat(jobs.take(job.id(), "worker-1", clock.instant().plusSeconds(30))).isTrue();
      assertThat(jobs.requeueExpired(job.id(), clock.instant().plusSeconds(31))).isTrue();
      assertThat(jobs.take(job.id(), "worker-2", clock.instant().plusSeconds(60))).isTrue();

      JsonObject late = dispatcher.result(done("worker-1", job.id()));

      assertThat(late.getBoolean("recorded")).isFalse();
      assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
      assertThat(jobs.runner(job.id())).contains("worker-2");
      Film still = app.films().find(film.id()).orElseThrow();
      assertThat(still.status()).as("the late result did not make it ready")
          .isEqualTo(FilmStatus.PROCESSING);
      assertThat(still.renditions()).isEmpty();

      JsonObject holder = dispatcher.result(done("worker-2", job.id()));

      assertThat(holder.getBoolean("recorded")).isTrue();
      assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.DONE);
      Film ready = app.films().find(film.id()).orElseThrow();
      assertThat(ready.status()).isEqualTo(FilmStatus.READY);
      assertThat(ready.renditions()).hasSize(1);
      assertThat(dispatcher.result(done("worker-2", job.id())).getBoolean("recorded"))
          .as("a result sent twice is recorded once").isFalse();
    }
  }
}
