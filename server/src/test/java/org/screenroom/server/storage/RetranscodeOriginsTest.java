package org.screenroom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.db.CatalogLocation;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.PackageVersionStore;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.catalog.testing.PostgresServer;
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.S3Server;
import org.screenroom.server.testing.TestServer;
import org.screenroom.transcode.process.CancelSignal;

/**
 * A film transcoded again while two origins share one PostgreSQL catalog and one bucket
 * (s3proxy): the version viewers get keeps playing on both while the new one is prepared, and
 * the filmmaker sees it being prepared; a cancelled or failed attempt leaves it live; the switch
 * is one step; the replaced version is still served by an origin that never held it in memory
 * (started after the switch), until the sweep (run by both origins at once) removes it after
 * the grace period.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetranscodeOriginsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.now());
  private S3Server s3;
  private Map<String, String> flags;

  @BeforeAll
  void start() throws Exception {
    s3 = S3Server.start("screenroom-retranscode");
    CatalogLocation catalog = PostgresServer.shared().freshCatalog();
    flags = new java.util.HashMap<>(s3.config("", "proxy"));
    flags.put("db-url", catalog.url());
    flags.put("db-user", catalog.user().orElseThrow());
  }

  @AfterAll
  void stop() throws Exception {
    s3.close();
  }

  private TestServer origin(String name) {
    return TestServer.start(work.resolve(name), clock, flags);
  }

  private static void close(TestServer origin) {
    origin.close();
    origin.app().close();
  }

  @Test
  void oldVersionPlaysOnEveryOriginWhileTheNextIsPrepared_untilTheSwitch_thenUntilTheSweep()
      throws Exception {
    Path clip = Media.clip(work.resolve("clip.mp4"), 2, 320, 240, true);
    TestServer a = origin("a");
    TestServer b = origin("b");
    try {
      var adaAccount = a.app().accounts().create("ada", "ada-password", Role.FILMMAKER);
      String ada = a.token("ada", "ada-password");
      String film = a.app().films().create(adaAccount.id(),
          FilmMetadata.titled("Again", Visibility.PUBLIC)).id();
      Ingestor ingestor = a.app().ingestor();
      ingestor.storeMaster(film, clip, "clip.mp4");
      assertThat(ingestor.transcode(film, p -> { }, new CancelSignal()).status().wire())
          .isEqualTo("ready");
      PackageVersionStore versions = new PackageVersionStore(a.app().database());
      String v1 = versions.current(film).orElseThrow();
      String segment = firstSegment(film, v1);
      byte[] v1Bytes = s3.bytes("films/" + film + "/pkg/" + v1 + "/" + segment);
      String onA = prefix(a, ada, film);
      String onB = prefix(b, ada, film);
      TestServer first = b;

      // While the new version is transcoded (checked at its first progress report), both
      // origins keep serving the old one and the filmmaker sees the new one being prepared.
      AtomicReference<Throwable> during = new AtomicReference<>();
      AtomicReference<JsonObject> seen = new AtomicReference<>();
      var listener = (org.screenroom.transcode.ProgressListener) p -> {
        if (seen.get() != null) {
          return;
        }
        try {
          JsonObject f = new JsonObject(a.get("/api/films/" + film, ada).body());
          seen.set(f);
          for (String prefix : List.of(onA, onB, prefix(first, ada, film))) {
            assertThat(text(prefix + "master.m3u8")).contains(v1 + "/v");
            assertThat(bytes(prefix + v1 + "/" + segment)).isEqualTo(v1Bytes);
          }
        } catch (Throwable e) {
          during.compareAndSet(null, e);
        }
      };
      CancelSignal cancel = new CancelSignal();
      var cancelling = (org.screenroom.transcode.ProgressListener) p -> {
        listener.onProgress(p);
        cancel.cancel();
      };
      ingestor.transcode(film, cancelling, cancel);
      assertThat(during.get()).isNull();
      assertThat(seen.get()).as("a progress report arrived").isNotNull();
      assertThat(seen.get().getString("status")).isEqualTo("ready");
      assertThat(seen.get().getJsonObject("nextVersion").getString("status"))
          .isEqualTo("processing");
      assertThat(seen.get().getJsonArray("renditions")).isNotEmpty();

      // Cancelled: the old version stays live, the filmmaker sees why the new one is not there.
      JsonObject cancelled = new JsonObject(b.get("/api/films/" + film, ada).body());
      assertThat(cancelled.getString("status")).isEqualTo("ready");
      assertThat(cancelled.getValue("error")).isNull();
      assertThat(cancelled.getJsonObject("nextVersion").getString("status")).isEqualTo("failed");
      assertThat(cancelled.getJsonObject("nextVersion").getString("error"))
          .isEqualTo(Ingestor.CANCELLED_SENTENCE);
      assertThat(versions.current(film)).contains(v1);
      assertThat(bytes(prefix(b, ada, film) + v1 + "/" + segment)).isEqualTo(v1Bytes);
      // The partial version a cancelled run never published is not left in the bucket.
      assertThat(s3.keys("films/" + film + "/pkg/")).allMatch(k -> k.contains("/pkg/" + v1 + "/"));

      // Failed (the stored master is not a film any more): still live.
      Path junk = Files.writeString(work.resolve("junk.mp4"), "not a film at all");
      a.app().filmStorage().storage().put("films/" + film + "/master/original.mp4", junk);
      Files.deleteIfExists(a.app().files().masterDir(film).resolve("original.mp4"));
      assertThat(ingestor.transcode(film, p -> { }, new CancelSignal()).status().wire())
          .isEqualTo("ready");
      JsonObject failed = new JsonObject(a.get("/api/films/" + film, ada).body());
      assertThat(failed.getJsonObject("nextVersion").getString("status")).isEqualTo("failed");
      assertThat(bytes(prefix(a, ada, film) + v1 + "/" + segment)).isEqualTo(v1Bytes);

      // Done: one switch, the old URL still answers the old bytes on both origins.
      a.app().filmStorage().storage().put("films/" + film + "/master/original.mp4", clip);
      assertThat(ingestor.transcode(film, p -> { }, new CancelSignal()).status().wire())
          .isEqualTo("ready");
      String v2 = versions.current(film).orElseThrow();
      assertThat(v2).isNotEqualTo(v1);
      JsonObject replaced = new JsonObject(a.get("/api/films/" + film, ada).body());
      assertThat(replaced.getValue("nextVersion")).isNull();
      assertThat(text(prefix(a, ada, film) + "master.m3u8")).contains(v2 + "/v");
      assertThat(bytes(onA + v1 + "/" + segment)).isEqualTo(v1Bytes);

      // An origin started after the switch never held v1 in memory: it serves it from the
      // catalog's record, as does one restarted.
      String oldB = b.url();
      close(b);
      b = origin("b");
      TestServer c = origin("c");
      try {
        assertThat(bytes(onB.replace(oldB, b.url()) + v1 + "/" + segment)).isEqualTo(v1Bytes);
        assertThat(bytes(prefix(c, ada, film) + v1 + "/" + segment)).isEqualTo(v1Bytes);

        // The sweep, on two origins at once, waits for the grace period, then removes v1.
        assertThat(sweepBoth(a, b)).isZero();
        clock.advance(a.app().playbackTtl().plusSeconds(1));
        // Counted by whichever sweeps got there first (the start-up sweeps of b and c too).
        assertThat(sweepBoth(a, b)).isBetween(0, 2);
        assertThat(s3.keys("films/" + film + "/pkg/" + v1 + "/")).isEmpty();
        assertThat(s3.keys("films/" + film + "/pkg/" + v2 + "/")).isNotEmpty();
        assertThat(versions.retired(film)).isEmpty();
        String renewed = prefix(c, ada, film);
        assertThat(status(renewed + v1 + "/" + segment)).isEqualTo(404);
        assertThat(status(renewed + v2 + "/" + firstSegment(film, v2))).isEqualTo(200);
      } finally {
        close(c);
      }
    } finally {
      close(b);
      close(a);
    }
  }

  private static int sweepBoth(TestServer a, TestServer b) throws Exception {
    CompletableFuture<Integer> one = a.server().sweepPackages().toCompletionStage()
        .toCompletableFuture();
    CompletableFuture<Integer> two = b.server().sweepPackages().toCompletionStage()
        .toCompletableFuture();
    return one.get(60, TimeUnit.SECONDS) + two.get(60, TimeUnit.SECONDS);
  }

  private String firstSegment(String film, String version) {
    String prefix = "films/" + film + "/pkg/" + version + "/";
    return s3.keys(prefix).stream().filter(k -> k.endsWith(".m4s")).findFirst().orElseThrow()
        .substring(prefix.length());
  }

  private static String prefix(TestServer server, String token, String film) throws Exception {
    HttpResponse<String> r = server.get("/api/films/" + film + "/playback", token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getString("hls").replace("master.m3u8", "");
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static int status(String url) throws Exception {
    return get(url).statusCode();
  }

  private static byte[] bytes(String url) throws Exception {
    HttpResponse<byte[]> r = get(url);
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }

  private static String text(String url) throws Exception {
    return new String(bytes(url), StandardCharsets.UTF_8);
  }
}
