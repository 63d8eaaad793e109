package org.screenroom.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.db.CatalogLocation;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.testing.PostgresServer;
import org.screenroom.catalog.upload.UrlDownloadStore;
import org.screenroom.server.ingest.url.UrlFetchSettings;
import org.screenroom.server.ingest.url.UrlIngestJobs;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;
import org.screenroom.server.testing.TusClient;

/**
 * Two origins behind an imaginary load balancer: two real servers over one PostgreSQL catalog
 * and one data directory, members of one cluster as docs/deploy.md has them. A tus upload begun on one is finished on the other byte for byte;
 * concurrent PATCHes to one upload on both are refused but one; an origin that does not share
 * the uploads directory refuses the upload clearly; and a URL download whose origin stopped is
 * settled by the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OriginsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.now());
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();
  private Map<String, String> catalogFlags;
  /** Hazelcast ports: a, b, an origin apart, the URL test's starter and survivor. */
  private final List<Integer> ports = new java.util.ArrayList<>();
  private TestServer a;
  private TestServer b;
  private String ada;
  private Path clip;
  private byte[] bytes;

  @BeforeAll
  void start() throws Exception {
    CatalogLocation catalog = PostgresServer.shared().freshCatalog();
    catalogFlags = Map.of("db-url", catalog.url(), "db-user", catalog.user().orElseThrow());
    for (int i = 0; i < 5; i++) {
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        ports.add(socket.getLocalPort());
      }
    }
    a = origin("shared", 0, UrlFetchSettings.defaults());
    b = origin("shared", 1, UrlFetchSettings.defaults());
    ada = UploadTest.filmmaker(a, "ada");
    clip = Media.clip(work.resolve("clip.mp4"), 3, 320, 240, true);
    bytes = Files.readAllBytes(clip);
  }

  /** Origin number {@code index} of the cluster over {@code work/dir} and the shared catalog. */
  private TestServer origin(String dir, int index, UrlFetchSettings settings) {
    Map<String, String> flags = new java.util.HashMap<>(catalogFlags);
    flags.put("cluster", String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList()));
    flags.put("cluster-port", ports.get(index).toString());
    return TestServer.start(work.resolve(dir), clock, flags, settings);
  }

  @AfterAll
  void stop() {
    for (TestServer s : new TestServer[] {a, b}) {
      if (s != null) {
        s.close();
        s.app().close();
      }
    }
  }

  @Test
  void tusUploadBegunOnOneOrigin_finishedOnTheOther_isByteExact() throws Exception {
    String film = new RawTus(a).film(ada, "Two origins");
    TusClient.Run first = TusClient.upload(a.url(), ada, clip, film, "--chunk-size", "16384",
        "--abort-at-bytes", Long.toString(bytes.length / 2),
        "--url-storage", work.resolve("urls.json").toString());
    assertThat(first.ok()).as(first.report() + first.stderr()).isTrue();
    String path = URI.create(first.report().getString("url")).getPath();

    long onA = new RawTus(a).offset(ada, path);
    long onB = new RawTus(b).offset(ada, path);
    assertThat(onB).isEqualTo(onA).isBetween(1L, bytes.length - 1L);

    HttpResponse<String> rest = new RawTus(b).patch(ada, path, onB,
        Arrays.copyOfRange(bytes, (int) onB, bytes.length), Map.of());
    assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);
    assertThat(rest.headers().firstValue("Upload-Offset")).contains(Long.toString(bytes.length));

    JsonObject source = UploadTest.awaitSource(b, film);
    assertThat(source.getString("sha256")).isEqualTo(UploadTest.sha256(clip));
    assertThat(source.getLong("size")).isEqualTo(bytes.length);
  }

  @Test
  void concurrentPatchesOnBothOrigins_oneReceives_theOthersAre423_andNothingIsCorrupted()
      throws Exception {
    String film = new RawTus(a).film(ada, "Raced");
    String path = new RawTus(a).created(ada, film, bytes.length);
    String id = path.substring(path.lastIndexOf('/') + 1);
    int half = bytes.length / 2;
    SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>();
    CompletableFuture<HttpResponse<String>> slow = http.sendAsync(HttpRequest.newBuilder(
            URI.create(a.url() + path))
        .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(body))
        .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + ada)
        .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", "0")
        .build(), HttpResponse.BodyHandlers.ofString());
    // Items submitted before the client subscribes would be dropped.
    Await.until(WAIT, "the client to ask for the body", () ->
        Optional.of(body).filter(p -> p.getNumberOfSubscribers() > 0));
    body.submit(ByteBuffer.wrap(bytes, 0, half));
    Await.until(WAIT, "origin A to hold the upload", () ->
        Optional.of(id).filter(b.app().uploads()::held));

    // The same bytes from offset 0 (a client retrying through the balancer), on both origins.
    for (TestServer other : List.of(b, a)) {
      HttpResponse<String> refused = new RawTus(other).patch(ada, path, 0, bytes, Map.of());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(423);
      assertThat(new JsonObject(refused.body()).getString("error"))
          .contains("receiving bytes in another request");
    }
    assertThat(new RawTus(b).offset(ada, path)).as("nothing counted before A commits").isZero();

    body.submit(ByteBuffer.wrap(bytes, half, bytes.length - half));
    body.close();
    HttpResponse<String> done = slow.get(1, TimeUnit.MINUTES);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    assertThat(done.headers().firstValue("Upload-Offset")).contains(Long.toString(bytes.length));
    assertThat(UploadTest.awaitSource(b, film).getString("sha256"))
        .isEqualTo(UploadTest.sha256(clip));
  }

  @Test
  void anOriginWithItsOwnUploadsDirectory_refusesTheUpload_421_andTouchesNoBytes()
      throws Exception {
    TestServer apart = origin("apart", 2, UrlFetchSettings.defaults());
    try {
      String film = new RawTus(a).film(ada, "Not shared");
      String path = new RawTus(a).created(ada, film, bytes.length);
      int half = bytes.length / 2;
      assertThat(new RawTus(a).patch(ada, path, 0, Arrays.copyOf(bytes, half), Map.of())
          .statusCode()).isEqualTo(204);

      assertThat(new RawTus(apart).head(ada, path).statusCode()).isEqualTo(421);
      for (String method : List.of("PATCH", "DELETE")) {
        HttpResponse<String> r = method.equals("PATCH")
            ? new RawTus(apart).patch(ada, path, 0, bytes, Map.of())
            : new RawTus(apart).send("DELETE", path, ada, Map.of(), null);
        assertThat(r.statusCode()).as(method + " " + r.body()).isEqualTo(421);
        assertThat(new JsonObject(r.body()).getString("error"))
            .contains("another server").contains("DATA/uploads");
      }
      String id = path.substring(path.lastIndexOf('/') + 1);
      assertThat(work.resolve("apart/uploads/" + id + ".part")).doesNotExist();

      assertThat(new RawTus(a).offset(ada, path)).isEqualTo(half);
      HttpResponse<String> rest = new RawTus(a).patch(ada, path, half,
          Arrays.copyOfRange(bytes, half, bytes.length), Map.of());
      assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);
      assertThat(UploadTest.awaitSource(a, film).getString("sha256"))
          .isEqualTo(UploadTest.sha256(clip));
    } finally {
      apart.close();
      apart.app().close();
    }
  }

  @Test
  void keyRotatedOnOneOrigin_itsTokensPlayAtOnceOnTheOther() throws Exception {
    String film = new RawTus(a).film(ada, "Rotated");
    a.app().ingestor().storeMaster(film, clip, "clip.mp4");
    a.server().queue().orElseThrow().submit(film);
    Await.until(Duration.ofMinutes(2), "the film to be ready", () ->
        b.app().films().find(film).filter(f -> f.status() == FilmStatus.READY));
    String admin = a.token("admin", TestServer.ADMIN_PASSWORD);
    HttpResponse<String> rotated = a.send("POST", "/api/signing-keys/rotate", admin,
        "application/json", "");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);

    HttpResponse<String> playback = a.get("/api/films/" + film + "/playback", ada);
    assertThat(playback.statusCode()).as(playback.body()).isEqualTo(200);
    String hls = new JsonObject(playback.body()).getString("hls");
    // Well inside B's periodic key refresh: without re-reading on the unknown key id, 403.
    HttpResponse<String> onB = b.get(b.url() + hls.substring(a.url().length()), null);
    assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
    assertThat(onB.body()).startsWith("#EXTM3U");

    HttpResponse<String> madeUp = b.get(b.url() + hls.substring(a.url().length())
        .replaceFirst("/play/[^.]+\\.", "/play/nosuchkey."), null);
    assertThat(madeUp.statusCode()).isEqualTo(403);
  }

  @Test
  void urlDownloadWhoseOriginStopped_isSettledByTheOther_withItsSentence() throws Exception {
    CountDownLatch stall = new CountDownLatch(1);
    HttpServer source = stallingSource(stall);
    Path data = work.resolve("url-shared");
    UrlFetchSettings settings = new UrlFetchSettings(Duration.ofSeconds(10),
        Duration.ofMinutes(5), 5, 0, /* allowInternal= */ true);
    TestServer starter = origin("url-shared", 3, settings);
    TestServer survivor = null;
    boolean starterStopped = false;
    try {
      String token = starter.token("ada", "ada-password");
      String film = new RawTus(starter).film(token, "Abandoned");
      String url = "http://127.0.0.1:" + source.getAddress().getPort() + "/film.mp4";
      HttpResponse<String> started = starter.send("POST", "/api/films/" + film + "/source",
          token, "application/json", new JsonObject().put("url", url).encode());
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      UrlDownloadStore downloads = new UrlDownloadStore(starter.app().database(), clock);
      Path partial = Await.until(WAIT, "the download to write its first bytes", () ->
          downloadDirs(data, film).stream().filter(OriginsTest::holdsBytes).findFirst());

      // Another origin starting up over the same directory leaves the live download alone.
      survivor = origin("url-shared", 4, settings);
      assertThat(partial).exists();
      assertThat(downloads.find(film)).isPresent();

      starter.close(); // stops renewing, as a dead origin would; the film stays processing
      starterStopped = true;
      assertThat(survivor.app().films().find(film).orElseThrow().status())
          .isEqualTo(FilmStatus.PROCESSING);
      clock.advance(UrlIngestJobs.LEASE.plusSeconds(1));

      TestServer other = survivor;
      Film settled = Await.until(WAIT, "the other origin to settle the download", () ->
          other.app().films().find(film).filter(f -> f.status() == FilmStatus.FAILED));
      assertThat(settled.error()).isEqualTo(UrlIngestJobs.ABANDONED);
      assertThat(downloads.find(film)).isEmpty();
      // Removed by whichever origin sees it: the one that settled it, or (when another origin of
      // the catalog settled it) the survivor's next look at the directory.
      Await.until(WAIT, "the abandoned download's directory to go", () ->
          Optional.of(partial).filter(p -> !Files.exists(p)));

      // The film takes a new address at once.
      HttpResponse<String> again = survivor.send("POST", "/api/films/" + film + "/source",
          token, "application/json", new JsonObject().put("url", url).encode());
      assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    } finally {
      stall.countDown();
      source.stop(0);
      if (survivor != null) {
        survivor.close();
        survivor.app().close();
      }
      if (!starterStopped) {
        starter.close();
      }
      starter.app().close();
    }
  }

  /** Serves a 10 MB "film" whose first 64 KiB arrive, then nothing until {@code stall} opens. */
  private static HttpServer stallingSource(CountDownLatch stall) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "video/mp4");
      exchange.sendResponseHeaders(200, 10_000_000);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(new byte[64 * 1024]);
        out.flush();
        stall.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.io.IOException e) {
        // the origin hung up
      }
    });
    server.start();
    return server;
  }

  private static List<Path> downloadDirs(Path data, String film) throws Exception {
    Path uploads = data.resolve("uploads");
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(uploads)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("url-" + film + "-"))
          .toList();
    }
  }

  private static boolean holdsBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).anyMatch(f -> f.toFile().length() > 0);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
