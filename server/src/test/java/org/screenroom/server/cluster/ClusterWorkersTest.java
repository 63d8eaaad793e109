package org.screenroom.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.server.jobs.ProgressObserver;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/**
 * A server and a transcode worker as two members of one Hazelcast cluster on loopback, in this
 * JVM, sharing a data directory: the worker takes the server's jobs, a worker that leaves has its
 * job queued again, a cancel reaches the worker, and a silent runner's lease runs out.
 */
class ClusterWorkersTest {
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  @TempDir static Path clips;
  private static Path shortClip;
  private static Path longClip;

  @TempDir Path data;
  private final List<AutoCloseable> open = new ArrayList<>();
  private TestServer server;
  private int serverPort;
  /** What the worker's transcoding thread does at each ffmpeg report (as JobRunnerTest does). */
  private final AtomicReference<ProgressObserver> onWorkerProgress =
      new AtomicReference<>(ProgressObserver.NONE);

  @BeforeAll
  static void makeClips(@TempDir Path warmup) throws Exception {
    // The first server of a JVM links the HTTP verticle's classes on an event loop; beside a
    // Hazelcast member starting on the same two cores that took over a second. Pay it here.
    // (Vert.x's default limits: this server only warms the JVM, it is not under test.)
    Media.tools();
    try (var app = org.screenroom.server.app.Screenroom.open(
        TestServer.config(warmup, Map.of()), Clock.systemUTC())) {
      org.screenroom.server.Server.start(app, new VertxOptions()).toCompletionStage()
          .toCompletableFuture().join().close();
    }
    shortClip = Media.clip(clips.resolve("short.mp4"), 4, 320, 180, true);
    // Long enough that a worker is still transcoding when the test stops or cancels it.
    longClip = Media.clip(clips.resolve("long.mp4"), 30, 640, 360, true);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The server, and the ports of the workers that may join it. */
  private List<Integer> startServer(Clock clock, int workers) throws Exception {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i <= workers; i++) {
      ports.add(freePort());
    }
    serverPort = ports.get(0);
    server = TestServer.start(data, clock, Map.of("cluster", members(ports),
        "cluster-port", ports.get(0).toString()));
    open.add(server);
    return ports.subList(1, ports.size());
  }

  private static String members(List<Integer> ports) {
    return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
  }

  /** A worker on {@code port} over the server's data directory; the server then sees it. */
  private WorkerNode startWorker(int port) {
    List<Integer> ports = List.of(serverPort, port);
    WorkerNode worker = WorkerNode.start(TestServer.config(data, Map.of("cluster", members(ports),
        "cluster-port", Integer.toString(port))), Clock.systemUTC(), new VertxOptions(), 200,
        (jobId, p) -> onWorkerProgress.get().onProgress(jobId, p));
    open.add(worker);
    Await.until(Duration.ofSeconds(30), "the server to hear from the worker",
        () -> Optional.of(true).filter(x -> dispatcher().workersPresent()));
    return worker;
  }

  private JobDispatcher dispatcher() {
    return server.server().dispatcher().orElseThrow();
  }

  private String filmWithMaster(Path master) throws Exception {
    var app = server.app();
    String admin = app.accounts().findByUsername("admin").orElseThrow().id();
    Film film = app.films().create(admin, FilmMetadata.titled("A film", Visibility.PRIVATE));
    app.ingestor().storeMaster(film.id(), master, master.getFileName().toString());
    return film.id();
  }

  private Job submit(String filmId) {
    return server.server().queue().orElseThrow().submit(filmId);
  }

  private Job awaitFinished(String jobId) {
    return Await.until(JOB_TIMEOUT, "job " + jobId + " to finish",
        () -> server.app().jobs().find(jobId).filter(j -> j.state().finished()));
  }

  /**
   * Runs {@code action} once, on the worker's transcoding thread, at the first ffmpeg report
   * (as JobRunnerTest does), and holds that thread until the worker was asked to stop the job:
   * ffmpeg reports rarely here (the first report came at 98 %), so the stop must land before the
   * transcode can end.
   */
  private void midTranscode(WorkerNode worker, java.util.function.Consumer<String> action) {
    AtomicBoolean done = new AtomicBoolean();
    onWorkerProgress.set((jobId, p) -> {
      if (done.compareAndSet(false, true)) {
        action.accept(jobId);
        Await.until(Duration.ofSeconds(4), "the worker to be told to stop job " + jobId,
            () -> Optional.of(true).filter(x -> worker.worker().stopping(jobId)));
      }
    });
  }

  /** Staging directories: of the package directory, or of a version under pkg/. */
  private List<Path> stagingLeftovers(String filmId) throws Exception {
    Path filmDir = server.app().files().filmDir(filmId);
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

  @Test
  void jobSubmittedOnTheServer_isTranscodedByTheWorker_andItsPackagePlays() throws Exception {
    List<Integer> ports = startServer(Clock.systemUTC(), 1);
    WorkerNode worker = startWorker(ports.get(0));
    String filmId = filmWithMaster(shortClip);

    Job done = awaitFinished(submit(filmId).id());

    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(done.progress().percent()).isEqualTo(100);
    assertThat(server.app().jobs().runner(done.id())).contains(worker.worker().nodeId());
    Await.until(Duration.ofSeconds(10), "the worker to count its result",
        () -> Optional.of(true).filter(x -> worker.worker().finished() == 1));
    Film film = server.app().films().find(filmId).orElseThrow();
    assertThat(film.status()).isEqualTo(FilmStatus.READY);
    assertThat(film.renditions()).isNotEmpty();

    // The package the worker wrote plays through the server's hot path, byte for byte.
    String token = server.token("admin", TestServer.ADMIN_PASSWORD);
    HttpResponse<String> playback = server.get("/api/films/" + filmId + "/playback", token);
    assertThat(playback.statusCode()).isEqualTo(200);
    String hls = new JsonObject(playback.body()).getString("hls");
    String prefix = hls.substring(0, hls.length() - "master.m3u8".length());
    Path pkg = org.screenroom.server.testing.PackagedFilm.currentDir(server.app(), filmId);
    Path segment;
    try (Stream<Path> files = Files.walk(pkg)) {
      segment = files.filter(p -> p.toString().endsWith(".m4s")).sorted().findFirst().orElseThrow();
    }
    HttpResponse<byte[]> got = server.send(HttpRequest.newBuilder(URI.create(
        prefix + pkg.relativize(segment).toString().replace('\\', '/'))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(Files.readAllBytes(segment));
  }

  @Test
  void workerLeavingMidJob_jobQueuedAgain_finishesOnTheServer_withoutLeftovers() throws Exception {
    List<Integer> ports = startServer(Clock.systemUTC(), 1);
    WorkerNode worker = startWorker(ports.get(0));
    String filmId = filmWithMaster(longClip);
    CountDownLatch closed = new CountDownLatch(1);
    // The worker dies mid-job: its ffmpeg stops without a result and it leaves the cluster.
    midTranscode(worker, jobId -> new Thread(() -> {
      worker.close();
      closed.countDown();
    }).start());
    open.remove(worker);
    Job job = submit(filmId);
    Job done = awaitFinished(job.id());
    closed.await();

    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(done.attempt()).as("the same job queued again, not a retry").isEqualTo(1);
    assertThat(server.app().jobs().runner(job.id())).as("finished by the server itself")
        .isPresent().get().isNotEqualTo(worker.worker().nodeId());
    assertThat(server.app().films().find(filmId).orElseThrow().status())
        .isEqualTo(FilmStatus.READY);
    assertThat(stagingLeftovers(filmId)).isEmpty();
  }

  @Test
  void cancelOnTheServer_stopsTheWorkersTranscode_jobCancelled() throws Exception {
    List<Integer> ports = startServer(Clock.systemUTC(), 1);
    WorkerNode worker = startWorker(ports.get(0));
    String filmId = filmWithMaster(longClip);
    String token = server.token("admin", TestServer.ADMIN_PASSWORD);
    List<Integer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
    midTranscode(worker, jobId -> {
      try {
        answers.add(server.send("POST", "/api/jobs/" + jobId + "/cancel", token, null, "")
            .statusCode());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Job job = submit(filmId);
    Job cancelled = awaitFinished(job.id());

    assertThat(answers).containsExactly(202);

    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.error()).isEqualTo(Ingestor.CANCELLED_SENTENCE);
    assertThat(worker.worker().running()).isEmpty();
    Film film = server.app().films().find(filmId).orElseThrow();
    assertThat(film.status()).isEqualTo(FilmStatus.FAILED);
    assertThat(stagingLeftovers(filmId)).isEmpty();
    assertThat(server.app().files().packageDir(filmId).resolve("master.m3u8")).doesNotExist();
    assertThat(org.screenroom.server.testing.PackagedFilm.versionEntries(server.app(), filmId))
        .as("nothing published, nothing partial").isEmpty();
  }

  @Test
  void runnerSilentPastItsLease_jobQueuedAgain_partialOutputRemoved() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    startServer(clock, 0);
    String filmId = filmWithMaster(shortClip);
    // A member took the job, wrote a partial package, and went silent without leaving the
    // cluster (a stuck process): only its lease tells. The server itself stands in for that
    // member here: the job is not among those its own runner renews.
    var jobs = server.app().jobs();
    String silent = dispatcher().runnerId();
    Job job = jobs.enqueue(filmId);
    assertThat(jobs.take(job.id(), silent, clock.instant().plusSeconds(30))).isTrue();
    Path partial = server.app().files().filmDir(filmId).resolve(".package.tmp-123");
    Files.createDirectories(partial);
    Files.writeString(partial.resolve("seg.m4s"), "partial");

    dispatcher().sweep();
    assertThat(jobs.find(job.id()).orElseThrow().state()).as("lease still holds")
        .isEqualTo(JobState.RUNNING);
    clock.advance(Duration.ofSeconds(31));
    dispatcher().sweep();
    assertThat(partial).doesNotExist();
    Job done = awaitFinished(job.id());

    assertThat(done.state()).isEqualTo(JobState.DONE);
    assertThat(done.attempt()).isEqualTo(1);
  }
}
