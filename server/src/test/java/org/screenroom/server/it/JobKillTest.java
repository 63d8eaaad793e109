package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.catalog.job.Job;
import org.screenroom.catalog.job.JobState;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Cli;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.PackagedFilm;
import org.screenroom.server.testing.TestServer;

/**
 * The crash test for real: {@code serve} in its own JVM takes a queued job, is killed
 * (SIGKILL, with its ffmpeg) mid-transcode, and a restarted server completes the same job.
 */
class JobKillTest {
  @TempDir Path work;

  @Test
  void serveKilledMidTranscode_restartedServerCompletesTheJob_andRemovesThePartialOutput()
      throws Exception {
    Path data = work.resolve("data");
    Path clip = Media.clip(work.resolve("long.mp4"), 40, 1280, 720, true);
    Screenroom app = Screenroom.open(TestServer.config(data, Map.of()), Clock.systemUTC());
    String admin = app.accounts().findByUsername("admin").orElseThrow().id();
    String filmId = app.films().create(admin, FilmMetadata.titled("Killed", Visibility.PRIVATE)).id();
    app.ingestor().storeMaster(filmId, clip, "long.mp4");
    Job job = app.jobs().enqueue(filmId);

    Process serve = Cli.start(work, "serve", "--port", "0", "--host", "127.0.0.1",
        "--data", data.toString(), "--cache-dir", Media.CACHE.toString(),
        "--x264-preset", "veryfast", "--admin-password", TestServer.ADMIN_PASSWORD);
    try {
      Await.until(Duration.ofMinutes(2), "the served job to report progress", () ->
          app.jobs().find(job.id()).filter(j -> j.state() == JobState.RUNNING
              && j.progress().percent() > 0));
    } finally {
      List<ProcessHandle> children = serve.descendants().toList();
      serve.destroyForcibly().waitFor();
      children.forEach(ProcessHandle::destroyForcibly);
    }
    assertThat(app.jobs().find(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    assertThat(leftovers(app.files().filmDir(filmId))).as("partial output of the killed run")
        .isNotEmpty();

    try (TestServer restarted = TestServer.start(data, Clock.systemUTC())) {
      Job done = Await.until(Duration.ofMinutes(3), "the job to finish after the restart", () ->
          restarted.app().jobs().find(job.id()).filter(j -> j.state().finished()));

      assertThat(done.state()).isEqualTo(JobState.DONE);
      assertThat(done.attempt()).isEqualTo(1);
      assertThat(restarted.app().films().find(filmId).orElseThrow().status())
          .isEqualTo(FilmStatus.READY);
      assertThat(leftovers(app.files().filmDir(filmId))).isEmpty();
      assertThat(PackagedFilm.currentDir(app, filmId).resolve("master.m3u8")).exists();
    }
  }

  /** Staging directories: of the package directory, or (local disk) of a version under pkg/. */
  private static List<Path> leftovers(Path filmDir) throws Exception {
    List<Path> out = new java.util.ArrayList<>();
    for (Path dir : List.of(filmDir, filmDir.resolve("pkg"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> entries = Files.list(dir)) {
        entries.filter(p -> p.getFileName().toString().startsWith(".")
            && p.getFileName().toString().contains(".tmp-")).forEach(out::add);
      }
    }
    return out;
  }
}
