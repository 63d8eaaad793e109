package org.screenroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.catalog.job.Job;
import org.screenroom.catalog.job.JobState;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Cli;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.S3Server;
import org.screenroom.server.testing.TestServer;

/**
 * A transcode worker started as its own process ({@code screenroom worker}, a separate JVM) on
 * "another machine" (its own data directory, films in a shared bucket) takes a server's job and
 * is killed outright (SIGKILL) in the middle of its transcode: its ffmpeg dies with it rather
 * than encoding on into the worker's scratch directory, the job is queued again (the member left
 * the cluster, or its lease ran out: whichever the server sees first) and another member
 * finishes it, and the film ends ready with a package that plays.
 */
class KilledWorkerTest {
  private static final Duration LEASE = Duration.ofSeconds(3);
  @TempDir static Path clips;
  private static Path longClip;

  @TempDir Path data;
  @TempDir Path workerDir;
  private S3Server s3;
  private TestServer server;
  private Process worker;
  /** The worker's ffmpeg processes, killed after the test should they outlive it. */
  private List<ProcessHandle> ffmpegs = List.of();

  @BeforeAll
  static void makeClip() throws Exception {
    Media.tools();
    // Long enough that the worker is still transcoding when it is killed.
    longClip = Media.clip(clips.resolve("long.mp4"), 30, 640, 360, true);
  }

  @AfterEach
  void stop() throws Exception {
    if (worker != null) {
      worker.destroyForcibly().waitFor();
    }
    ffmpegs.forEach(ProcessHandle::destroyForcibly);
    if (server != null) {
      server.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void workerProcessKilledMidTranscode_itsFfmpegDiesToo_jobQueuedAgain_finishedByAnotherMember()
      throws Exception {
    // The server's clock stands still until the test moves it past the lease: a worker alive
    // but slow on a loaded machine never loses its job early, and the dead one loses it at once.
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    int serverPort = freePort();
    int workerPort = freePort();
    String members = "127.0.0.1:" + serverPort + ",127.0.0.1:" + workerPort;
    s3 = S3Server.start("screenroom-films");
    Map<String, String> flags = new HashMap<>(s3.config("", "proxy"));
    flags.putAll(Map.of("cluster", members, "cluster-port", Integer.toString(serverPort),
        "cluster-lease", LEASE.toSeconds() + "s"));
    server = TestServer.start(data, clock, flags);
    JobDispatcher dispatcher = server.server().dispatcher().orElseThrow();
    // The worker's machine: masters are copied from the bucket into its scratch directory, and
    // ffmpeg writes the package there before it is put to the bucket.
    Path scratch = Files.createDirectories(workerDir.resolve("scratch"));
    Path bucketConfig = workerDir.resolve("worker.properties");
    Properties props = new Properties();
    props.putAll(s3.config("", "proxy"));
    try (var out = Files.newBufferedWriter(bucketConfig)) {
      props.store(out, "the shared bucket");
    }
    worker = Cli.start(workerDir, "worker", "--config", bucketConfig.toString(),
        "--data", scratch.toString(), "--cache-dir", Media.CACHE.toString(),
        "--x264-preset", "veryfast", "--cluster", members, "--cluster-host", "127.0.0.1",
        "--cluster-port", Integer.toString(workerPort));
    Await.until(Duration.ofSeconds(60), "the server to hear from the worker process",
        () -> Optional.of(true).filter(x -> dispatcher.workersPresent()));

    String filmId = filmWithMaster(longClip);
    Job job = server.server().queue().orElseThrow().submit(filmId);
    String workerId = Await.until(Duration.ofSeconds(30), "the worker to take job " + job.id(),
        () -> server.app().jobs().runner(job.id()).filter(r -> !r.equals(dispatcher.runnerId())));
    // Mid-transcode: the worker's encoding ffmpeg is running (ffprobe came and went before it).
    ffmpegs = Await.until(Duration.ofSeconds(60),
        "the worker's ffmpeg to start encoding", () -> Optional.of(encoders(worker.toHandle()))
            .filter(list -> !list.isEmpty()));
    assertThat(ffmpegs.get(0).info().commandLine().orElseThrow()).contains(scratch.toString());

    worker.destroyForcibly();
    worker.waitFor();

    // Nothing the dead worker started goes on encoding into its scratch directory (the server
    // never touches that directory, so only dying with the worker stops it).
    Await.until(Duration.ofSeconds(10), "the killed worker's ffmpeg to die with it",
        () -> Optional.of(true).filter(x -> ffmpegs.stream().noneMatch(ProcessHandle::isAlive)
            && runningWith(scratch.toString()).isEmpty()));
    // Its lease runs out (Hazelcast may also have seen the member leave: either queues it again).
    clock.advance(LEASE.plusSeconds(1));
    Job done = Await.until(Duration.ofMinutes(3), "job " + job.id() + " to finish elsewhere",
        () -> server.app().jobs().find(job.id()).filter(j -> j.state().finished()));

    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(done.attempt()).as("the same job queued again, not a retry").isEqualTo(1);
    assertThat(server.app().jobs().runner(done.id())).as("finished by another member")
        .isPresent().get().isNotEqualTo(workerId);
    Film film = server.app().films().find(filmId).orElseThrow();
    assertThat(film.status()).isEqualTo(FilmStatus.READY);
    assertThat(film.renditions()).isNotEmpty();
    assertThat(stagingLeftovers(filmId)).isEmpty();
    assertPlays(filmId);
  }

  /** The worker's ffmpeg processes that encode (ffprobe has no -progress). */
  private static List<ProcessHandle> encoders(ProcessHandle worker) {
    return worker.descendants().filter(p -> p.info().commandLine()
        .filter(c -> c.contains("ffmpeg") && c.contains("-progress")).isPresent()).toList();
  }

  /** Live processes whose command line names {@code path} (a zombie has no command line). */
  private static List<ProcessHandle> runningWith(String path) {
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
        .filter(c -> c.contains(path)).isPresent()).toList();
  }

  private String filmWithMaster(Path master) throws Exception {
    var app = server.app();
    String admin = app.accounts().findByUsername("admin").orElseThrow().id();
    Film film = app.films().create(admin, FilmMetadata.titled("A film", Visibility.PRIVATE));
    app.ingestor().storeMaster(film.id(), master, master.getFileName().toString());
    return film.id();
  }

  private List<Path> stagingLeftovers(String filmId) throws Exception {
    Path filmDir = server.app().files().filmDir(filmId);
    if (!Files.isDirectory(filmDir)) {
      // With a bucket the film's directory holds only scratch copies: gone with them.
      return List.of();
    }
    try (Stream<Path> entries = Files.list(filmDir)) {
      return entries.filter(p -> p.getFileName().toString().startsWith(".package.tmp-")).toList();
    }
  }

  /**
   * A segment of the package, through the server's hot path, byte for byte against the object
   * in the bucket (the server's own scratch copy is gone once the package is put there).
   */
  private void assertPlays(String filmId) throws Exception {
    String token = server.token("admin", TestServer.ADMIN_PASSWORD);
    HttpResponse<String> playback = server.get("/api/films/" + filmId + "/playback", token);
    assertThat(playback.statusCode()).isEqualTo(200);
    String hls = new JsonObject(playback.body()).getString("hls");
    String prefix = hls.substring(0, hls.length() - "master.m3u8".length());
    String packageKeys = "films/" + filmId + "/pkg/";
    String segment = s3.keys(packageKeys).stream().filter(k -> k.endsWith(".m4s")).sorted()
        .findFirst().orElseThrow();
    // films/ID/pkg/VERSION/v0/seg.m4s is played as VERSION/v0/seg.m4s under the token prefix.
    HttpResponse<byte[]> got = server.send(HttpRequest.newBuilder(URI.create(
        prefix + segment.substring(packageKeys.length()))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(s3.bytes(segment));
  }
}
