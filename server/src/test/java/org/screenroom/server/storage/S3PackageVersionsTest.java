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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.film.PackageVersionStore;
import org.screenroom.server.ingest.FilmTranscode;
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.S3Server;
import org.screenroom.server.testing.TestServer;
import org.screenroom.server.testing.TusClient;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.process.CancelSignal;

/**
 * Package versions against a real S3 API server (s3proxy): a film transcoded again is put under
 * a new version while viewers keep the old one, the catalog switches to it in one step and the
 * hot path follows, the old version's segments stay readable through the grace period and are
 * removed by the sweep after it. Scratch copies on the local disk are removed after a job however
 * it ends (done, failed, cancelled) and swept at start-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3PackageVersionsTest {
  private static final Duration READY_WAIT = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path work;
  private S3Server s3;

  @BeforeAll
  void startS3() throws Exception {
    s3 = S3Server.start("screenroom-versions");
  }

  @AfterAll
  void stopS3() throws Exception {
    s3.close();
  }

  @Test
  void retranscode_switchesVersions_keepsTheOldOneThroughTheGracePeriod_thenSweepsIt()
      throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    Path data = work.resolve("versions");
    Path clip = Media.clip(work.resolve("clip.mp4"), 2, 320, 240, true);
    try (TestServer server = TestServer.start(data, clock, s3.config("", "proxy"))) {
      String owner = filmmaker(server, "ines");
      String film = created(server, owner, "Twice");
      TusClient.Run run = TusClient.upload(server.url(), owner, clip, film);
      assertThat(run.ok()).as(run.report() + run.stderr()).isTrue();
      awaitReady(server, owner, film);
      PackageVersionStore versions = new PackageVersionStore(server.app().database());
      String v1 = versions.current(film).orElseThrow();
      String hls = playback(server, owner, film);
      String base = hls.replace("master.m3u8", "");
      String segment = firstSegment(film, v1);
      byte[] oldBytes = blob("films/" + film + "/pkg/" + v1 + "/" + segment);
      assertThat(text(hls)).contains(v1 + "/v");
      assertThat(get(base + v1 + "/" + segment).body()).isEqualTo(oldBytes);

      // Transcoded again: the new version is put beside the old one, which viewers still get.
      Ingestor ingestor = server.app().ingestor();
      FilmTranscode.Report report = ingestor.filmTranscode()
          .run(film, ProgressListener.NONE, CancelSignal.none());
      assertThat(report.ending()).as(report.error()).isEqualTo(Ingestor.Ending.DONE);
      String v2 = report.packageVersion();
      assertThat(v2).isNotEqualTo(v1).matches(PackageVersion::valid);
      assertThat(keys("films/" + film + "/pkg/" + v2 + "/")).isNotEmpty();
      assertThat(versions.current(film)).contains(v1);
      assertThat(text(hls)).contains(v1 + "/v").doesNotContain(v2);
      assertThat(get(base + v1 + "/" + segment).body()).isEqualTo(oldBytes);
      assertThat(get(base + v2 + "/" + segment).statusCode())
          .as("not served before the switch").isEqualTo(404);

      // The switch: the catalog names the new version, the hot path follows at once.
      ingestor.record(film, report);
      assertThat(versions.current(film)).contains(v2);
      assertThat(versions.retired(film)).extracting(PackageVersionStore.Retired::version)
          .containsExactly(v1);
      assertThat(text(hls)).contains(v2 + "/v").doesNotContain(v1);
      String newSegment = firstSegment(film, v2);
      HttpResponse<byte[]> fresh = get(base + v2 + "/" + newSegment);
      assertThat(fresh.statusCode()).isEqualTo(200);
      assertThat(fresh.body()).isEqualTo(blob("films/" + film + "/pkg/" + v2 + "/" + newSegment));
      // A viewer still on the old manifests keeps getting the old bytes under the old URL.
      HttpResponse<byte[]> old = get(base + v1 + "/" + segment);
      assertThat(old.statusCode()).isEqualTo(200);
      assertThat(old.body()).isEqualTo(oldBytes);

      // The sweep leaves it alone during the grace period, then removes it.
      assertThat(sweep(server)).isZero();
      assertThat(keys("films/" + film + "/pkg/" + v1 + "/")).isNotEmpty();
      clock.advance(server.app().playbackTtl());
      assertThat(sweep(server)).isEqualTo(1);
      assertThat(keys("films/" + film + "/pkg/" + v1 + "/")).isEmpty();
      assertThat(keys("films/" + film + "/pkg/" + v2 + "/")).isNotEmpty();
      assertThat(versions.retired(film)).isEmpty();
      String renewed = playback(server, owner, film).replace("master.m3u8", "");
      assertThat(get(renewed + v1 + "/" + segment).statusCode()).isEqualTo(404);
      assertThat(get(renewed + v2 + "/" + newSegment).statusCode()).isEqualTo(200);
      // No scratch copy outlives a job.
      assertThat(data.resolve("films/" + film + "/master")).doesNotExist();
      assertThat(data.resolve("films/" + film + "/package")).doesNotExist();

      // Subtitles added afterwards edit the current version in the bucket, from a scratch copy
      // of its manifests that is removed again.
      HttpResponse<String> put = server.send(HttpRequest.newBuilder(URI.create(server.url()
              + "/api/films/" + film + "/subtitles/en"))
          .header("Authorization", "Bearer " + owner).header("Content-Type", "application/x-subrip")
          .PUT(HttpRequest.BodyPublishers.ofString(SRT)).build());
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      String master = text(playback(server, owner, film));
      assertThat(master).contains(v2 + "/v");
      String playlist = subtitlePlaylist(master);
      assertThat(playlist).matches(v2 + "/subs/en_[0-9a-f]{12}\\.m3u8");
      String vtt = playlist.replace(".m3u8", ".vtt");
      assertThat(text(renewed + vtt)).startsWith("WEBVTT").contains("Good evening.");
      assertThat(keys("films/" + film + "/pkg/" + v2 + "/subs/")).isNotEmpty();
      byte[] storedVtt = blob("films/" + film + "/pkg/" + vtt);

      // Edited: the manifest names new files; the old URL's bytes (served as immutable) stay.
      assertThat(get(renewed + vtt).headers().firstValue("Cache-Control").orElse(""))
          .contains("immutable");
      // Time passes between two edits (the hot path re-reads a package when the film changed).
      clock.advance(Duration.ofSeconds(1));
      HttpResponse<String> edit = server.send(HttpRequest.newBuilder(URI.create(server.url()
              + "/api/films/" + film + "/subtitles/en"))
          .header("Authorization", "Bearer " + owner).header("Content-Type", "application/x-subrip")
          .PUT(HttpRequest.BodyPublishers.ofString(SRT.replace("Good evening.", "Hello."))).build());
      assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
      String edited = subtitlePlaylist(text(playback(server, owner, film)));
      assertThat(edited).isNotEqualTo(playlist).startsWith(v2 + "/subs/en_");
      assertThat(text(renewed + edited.replace(".m3u8", ".vtt"))).contains("Hello.");
      assertThat(blob("films/" + film + "/pkg/" + vtt)).isEqualTo(storedVtt);
      assertThat(get(renewed + vtt).body()).isEqualTo(storedVtt);
      assertThat(get(renewed + v2 + "/" + newSegment).statusCode()).isEqualTo(200);
      assertThat(data.resolve("films/" + film + "/package")).doesNotExist();
    }
  }

  private static final String SRT = "1\n00:00:00,500 --> 00:00:01,800\nGood evening.\n";

  @Test
  void scratchCopies_areRemovedWhenAJobFailsOrIsCancelled() throws Exception {
    Path data = work.resolve("scratch");
    Path clip = Media.clip(work.resolve("short.mp4"), 2, 160, 120, false);
    Path junk = Files.writeString(work.resolve("junk.mp4"), "not a film at all");
    try (TestServer server = TestServer.start(data, new MutableClock(Instant.now()),
        s3.config("scratch/", "proxy"))) {
      String owner = filmmaker(server, "olu");
      String broken = created(server, owner, "Broken");
      String cancelled = created(server, owner, "Cancelled");
      Storage bucket = server.app().filmStorage().storage();
      bucket.put("films/" + broken + "/master/original.mp4", junk);
      bucket.put("films/" + cancelled + "/master/original.mp4", clip);
      FilmTranscode transcode = server.app().ingestor().filmTranscode();

      FilmTranscode.Report failed = transcode.run(broken, ProgressListener.NONE,
          CancelSignal.none());
      CancelSignal cancel = new CancelSignal();
      cancel.cancel();
      FilmTranscode.Report stopped = transcode.run(cancelled, ProgressListener.NONE, cancel);

      assertThat(failed.ending()).isEqualTo(Ingestor.Ending.FAILED);
      assertThat(stopped.ending()).isEqualTo(Ingestor.Ending.CANCELLED);
      for (String film : List.of(broken, cancelled)) {
        assertThat(data.resolve("films/" + film + "/master")).doesNotExist();
        assertThat(data.resolve("films/" + film + "/package")).doesNotExist();
        assertThat(keys("scratch/films/" + film + "/pkg/")).as("nothing published").isEmpty();
      }
    }
  }

  @Test
  void startUp_sweepsScratchCopiesADeadProcessLeft_butKeepsOtherFilmFiles() throws Exception {
    Path data = work.resolve("leftovers");
    Path film = Files.createDirectories(data.resolve("films/AbCdEfGh1234"));
    Files.createDirectories(film.resolve("master"));
    Files.writeString(film.resolve("master/original.mp4"), "master copy");
    film.resolve("master/original.mp4").toFile().setReadOnly();
    Files.createDirectories(film.resolve("package/v0"));
    Files.writeString(film.resolve("package/v0/seg_00001.m4s"), "segment");
    Files.createDirectories(film.resolve(".package.tmp-0a1b2c"));
    Files.writeString(film.resolve(".package.tmp-0a1b2c/master.m3u8"), "#EXTM3U");
    Files.createDirectories(film.resolve("images"));
    Files.writeString(film.resolve("images/poster-320.jpg"), "poster");

    try (TestServer server = TestServer.start(data, new MutableClock(Instant.now()),
        s3.config("leftovers/", "proxy"))) {
      assertThat(film.resolve("master")).doesNotExist();
      assertThat(film.resolve("package")).doesNotExist();
      assertThat(film.resolve(".package.tmp-0a1b2c")).doesNotExist();
      assertThat(film.resolve("images/poster-320.jpg")).exists();
    }
  }

  /** The subtitle playlist an HLS master names. */
  static String subtitlePlaylist(String master) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "TYPE=SUBTITLES,.*URI=\"([^\"]+)\"").matcher(master);
    assertThat(m.find()).as(master).isTrue();
    return m.group(1);
  }

  private static int sweep(TestServer server) throws Exception {
    return server.server().sweepPackages().toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private String firstSegment(String film, String version) {
    String prefix = "films/" + film + "/pkg/" + version + "/";
    return keys(prefix).stream().filter(k -> k.endsWith(".m4s")).findFirst().orElseThrow()
        .substring(prefix.length());
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(String url) throws Exception {
    HttpResponse<byte[]> r = get(url);
    assertThat(r.statusCode()).isEqualTo(200);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private List<String> keys(String under) {
    return s3.keys(under);
  }

  private byte[] blob(String name) throws Exception {
    return s3.bytes(name);
  }

  private static String playback(TestServer server, String token, String film) throws Exception {
    HttpResponse<String> r = server.get("/api/films/" + film + "/playback", token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getString("hls");
  }

  private static String filmmaker(TestServer server, String name) throws Exception {
    String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    HttpResponse<String> r = server.send("POST", "/api/accounts", admin, "application/json",
        new JsonObject().put("username", name).put("password", name + "-password")
            .put("role", "filmmaker").encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return server.token(name, name + "-password");
  }

  private static String created(TestServer server, String token, String title) throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/films", token, "application/json",
        new JsonObject().put("title", title).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("id");
  }

  private static void awaitReady(TestServer server, String token, String film) {
    Await.until(READY_WAIT, "film " + film + " ready", () -> {
      JsonObject f = new JsonObject(server.get("/api/films/" + film, token).body());
      if ("failed".equals(f.getString("status"))) {
        throw new AssertionError("film failed: " + f.encode());
      }
      return java.util.Optional.ofNullable("ready".equals(f.getString("status")) ? f : null);
    });
  }
}
