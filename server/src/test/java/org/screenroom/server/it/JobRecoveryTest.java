package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.catalog.job.Job;
import org.screenroom.catalog.job.JobState;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/** Start-up after a process died mid-transcode: the job is queued again and completes. */
class JobRecoveryTest {
  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));

  @Test
  void start_withAJobLeftRunningAndPartialOutput_requeuesIt_removesTheJunk_andCompletes()
      throws Exception {
    Path data = work.resolve("data");
    Path clip = Media.clip(work.resolve("clip.mp4"), 4, 320, 240, true);
    // As the dead process left it: the job running, a half-written staging dir beside the package.
    Screenroom before = Screenroom.open(TestServer.config(data, Map.of()), clock);
    String admin = before.accounts().findByUsername("admin").orElseThrow().id();
    String filmId = before.films().create(admin, FilmMetadata.titled("Interrupted", Visibility.PRIVATE)).id();
    before.ingestor().storeMaster(filmId, clip, "clip.mp4");
    Job job = before.jobs().enqueue(filmId);
    assertThat(before.jobs().take(job.id())).isTrue();
    before.films().markProcessing(filmId, 37);
    Path junk = before.files().filmDir(filmId).resolve(".package.tmp-x");
    Files.createDirectories(junk.resolve("v360"));
    Files.writeString(junk.resolve("v360/seg_00001.m4s"), "half a segment");
    // A film processing before jobs existed (a catalog from an older version) has no job at all.
    String legacy = before.films().create(admin, FilmMetadata.titled("Legacy", Visibility.PRIVATE)).id();
    before.ingestor().storeMaster(legacy, clip, "clip.mp4");
    before.films().markProcessing(legacy, 12);

    try (TestServer server = TestServer.start(data, clock)) {
      String token = server.token("admin", TestServer.ADMIN_PASSWORD);
      JsonObject done = Await.until(Duration.ofMinutes(2), "the recovered job to complete", () ->
          Optional.of(new JsonObject(server.get("/api/jobs/" + job.id(), token).body()))
              .filter(j -> j.getString("state").matches("done|failed|cancelled")));

      assertThat(done.getString("state")).as(done.encode()).isEqualTo("done");
      assertThat(done.getInteger("attempt")).isEqualTo(1);
      assertThat(junk).doesNotExist();
      assertThat(server.app().films().find(filmId).orElseThrow().status()).isEqualTo(FilmStatus.READY);
      assertThat(org.screenroom.server.testing.PackagedFilm.currentDir(server.app(), filmId).resolve("master.m3u8")).exists();
      Job legacyJob = Await.until(Duration.ofMinutes(2), "the legacy film's job", () ->
          server.app().jobs().forFilm(legacy).stream().filter(j -> j.state().finished()).findFirst());
      assertThat(legacyJob.state()).isEqualTo(JobState.DONE);
      assertThat(server.app().films().find(legacy).orElseThrow().status()).isEqualTo(FilmStatus.READY);
    }
  }
}
