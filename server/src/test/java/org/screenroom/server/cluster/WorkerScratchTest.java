package org.screenroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxOptions;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.catalog.job.Job;
import org.screenroom.catalog.job.JobState;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.jobs.ProgressObserver;
import org.screenroom.server.storage.FilmStorage;
import org.screenroom.server.storage.S3Storage;
import org.screenroom.server.storage.StorageSettings;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.S3Server;
import org.screenroom.server.testing.TestServer;

/**
 * A worker on its own machine with films in a bucket keeps copies in its data directory (the
 * master it reads, the package it writes) only while a job runs: they go when the job ends,
 * done or failed, and what a killed run left goes when the worker starts again. With local
 * storage the data directory is the storage and is left alone.
 */
class WorkerScratchTest {
  @TempDir Path data;
  @TempDir Path workerData;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static List<String> films(Path dataDir) throws Exception {
    Path root = new FilmFiles(dataDir).filmsDir();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(root)) {
      return entries.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void withABucket_copiesGoAtStart_andWhenAJobIsDoneOrFailed() throws Exception {
    // What a worker killed mid-job left: a master copy and a partial package.
    FilmFiles left = new FilmFiles(workerData);
    Files.createDirectories(left.masterDir("killedMidJob"));
    Files.writeString(left.masterDir("killedMidJob").resolve("original.mp4"), "copy");
    Files.createDirectories(left.packageDir("killedMidJob").resolve("v0"));
    Files.writeString(left.packageDir("killedMidJob").resolve("v0/seg_00001.m4s"), "partial");
    Path clip = Media.clip(data.resolve("clip.mp4"), 2, 320, 180, true);
    Path notAVideo = Files.writeString(data.resolve("notes.mp4"), "not a video at all");
    int serverPort = freePort();
    int workerPort = freePort();
    String members = "127.0.0.1:" + serverPort + ",127.0.0.1:" + workerPort;

    try (S3Server s3 = S3Server.start("screenroom-films")) {
      Map<String, String> serverFlags = new HashMap<>(s3.config("", "proxy"));
      serverFlags.putAll(Map.of("cluster", members, "cluster-port", Integer.toString(serverPort)));
      try (TestServer server = TestServer.start(data.resolve("server"), Clock.systemUTC(),
          serverFlags)) {
        Map<String, String> workerFlags = new HashMap<>(s3.config("", "proxy"));
        workerFlags.putAll(Map.of("cluster", members, "cluster-port", Integer.toString(workerPort)));
        try (WorkerNode worker = WorkerNode.start(TestServer.config(workerData, workerFlags),
            Clock.systemUTC(), new VertxOptions(), 200, ProgressObserver.NONE)) {
          assertThat(films(workerData)).as("left by the killed run").isEmpty();
          JobDispatcher dispatcher = server.server().dispatcher().orElseThrow();
          Await.until(Duration.ofSeconds(30), "the server to hear from the worker",
              () -> Optional.of(true).filter(x -> dispatcher.workersPresent()));

          String good = filmWithMaster(server, clip);
          Job done = finished(server, good);
          assertThat(done.state()).isEqualTo(JobState.DONE);
          assertThat(server.app().jobs().runner(done.id())).contains(worker.worker().nodeId());
          assertThat(server.app().films().find(good).orElseThrow().status())
              .isEqualTo(FilmStatus.READY);
          assertThat(s3.keys("films/" + good + "/pkg/")).as("the package is in the bucket")
              .anyMatch(k -> k.endsWith("/master.m3u8"));
          awaitNoCopies(worker, good);

          String bad = filmWithMaster(server, notAVideo);
          Job failed = finished(server, bad);
          assertThat(failed.state()).isEqualTo(JobState.FAILED);
          assertThat(server.app().jobs().runner(failed.id())).contains(worker.worker().nodeId());
          awaitNoCopies(worker, bad);
        }
      }
    }
  }

  @Test
  void withLocalStorage_theDataDirectoryIsTheStorage_andNothingIsRemoved() throws Exception {
    FilmFiles files = new FilmFiles(workerData);
    Files.createDirectories(files.packageDir("aFilm"));
    Files.writeString(files.packageDir("aFilm").resolve("master.m3u8"), "#EXTM3U");
    FilmStorage local = FilmStorage.local(workerData);

    assertThat(local.sweepScratch(files)).isZero();
    assertThat(local.removeScratch(files, "aFilm")).isZero();

    assertThat(files.packageDir("aFilm").resolve("master.m3u8")).exists();
    // The same tree as copies (films in a bucket): removed, film directory and all.
    try (S3Server s3 = S3Server.start("screenroom-scratch")) {
      FilmStorage copies = new FilmStorage(S3Storage.connect(
          s3.settings("", StorageSettings.Delivery.PROXY)));
      assertThat(copies.removeScratch(files, "aFilm")).isEqualTo(1);
      assertThat(copies.removeScratch(files, "aFilm")).as("nothing left").isZero();
    }
    assertThat(films(workerData)).isEmpty();
  }

  /** The job's thread removes the copies after reporting; the worker is idle once it did. */
  private void awaitNoCopies(WorkerNode worker, String filmId) {
    Await.until(Duration.ofSeconds(20), "the worker to remove its copies of " + filmId,
        () -> Optional.of(true).filter(x -> worker.worker().running().isEmpty()
            && !Files.exists(new FilmFiles(workerData).filmDir(filmId))));
  }

  private static String filmWithMaster(TestServer server, Path master) throws Exception {
    var app = server.app();
    String admin = app.accounts().findByUsername("admin").orElseThrow().id();
    Film film = app.films().create(admin, FilmMetadata.titled("A film", Visibility.PRIVATE));
    app.ingestor().storeMaster(film.id(), master, master.getFileName().toString());
    return film.id();
  }

  private static Job finished(TestServer server, String filmId) {
    Job job = server.server().queue().orElseThrow().submit(filmId);
    return Await.until(Duration.ofMinutes(3), "job " + job.id() + " to finish",
        () -> server.app().jobs().find(job.id()).filter(j -> j.state().finished()));
  }
}
