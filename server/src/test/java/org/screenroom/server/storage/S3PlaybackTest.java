package org.screenroom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.S3Server;
import org.screenroom.server.testing.TestServer;
import org.screenroom.server.testing.TusClient;

/**
 * A server configured with S3 storage against a real S3 API server (s3proxy): a clip uploaded
 * through tus is kept in the bucket as its master, transcoded from a scratch copy, its package
 * put to the bucket, a segment played through the hot path byte-exact (streamed, with a range)
 * and by redirect to a presigned URL, and the film's objects gone once it is deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3PlaybackTest {
  private static final Duration READY_WAIT = Duration.ofSeconds(120);
  private static final String PREFIX = "prod/";
  @TempDir Path work;
  private S3Server s3;

  @BeforeAll
  void startS3() throws Exception {
    s3 = S3Server.start("screenroom-films");
  }

  @AfterAll
  void stopS3() throws Exception {
    s3.close();
  }

  @Test
  void uploadedFilm_livesInTheBucket_playsStreamedAndRedirected_andIsDeletedWithTheFilm()
      throws Exception {
    Path data = work.resolve("data");
    Path clip = Media.clip(work.resolve("clip.mp4"), 2, 320, 240, true);
    String film;
    String owner;
    String segment;
    byte[] stored;
    try (TestServer server = TestServer.start(data, Clock.systemUTC(), s3.config(PREFIX, "proxy"))) {
      owner = filmmaker(server, "maya");
      film = created(server, owner, "In the bucket");
      TusClient.Run run = TusClient.upload(server.url(), owner, clip, film);
      assertThat(run.ok()).as(run.report() + run.stderr()).isTrue();
      awaitReady(server, owner, film);

      List<String> keys = keys("films/" + film + "/");
      // The package is put under its version: films/ID/pkg/VERSION/...
      String pkg = keys.stream().filter(k -> k.endsWith("/master.m3u8")).findFirst().orElseThrow()
          .replace("master.m3u8", "");
      String version = pkg.substring((PREFIX + "films/" + film + "/pkg/").length(),
          pkg.length() - 1);
      assertThat(PackageVersion.valid(version)).as(pkg).isTrue();
      assertThat(keys).contains(PREFIX + "films/" + film + "/master/original.mp4",
          pkg + "master.m3u8", pkg + "manifest.mpd");
      assertThat(blob(PREFIX + "films/" + film + "/master/original.mp4"))
          .isEqualTo(Files.readAllBytes(clip));
      // Segment URLs name the version: VERSION/v0/seg_00001.m4s.
      segment = version + "/" + keys.stream().filter(k -> k.endsWith(".m4s")).findFirst()
          .orElseThrow().substring(pkg.length());
      stored = blob(pkg + segment.substring(version.length() + 1));
      // The scratch copies ffmpeg read and wrote on this machine are gone with the job.
      assertThat(data.resolve("films/" + film + "/master")).doesNotExist();
      assertThat(data.resolve("films/" + film + "/package")).doesNotExist();
      String hls = playback(server, owner, film);

      HttpResponse<byte[]> whole = get(hls.replace("master.m3u8", segment), null);
      HttpResponse<byte[]> part = get(hls.replace("master.m3u8", segment), "bytes=100-1099");
      HttpResponse<byte[]> manifest = get(hls, null);

      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(whole.body()).isEqualTo(stored);
      assertThat(whole.headers().firstValue("Cache-Control")).contains(
          "public, max-age=31536000, immutable");
      assertThat(part.statusCode()).isEqualTo(206);
      assertThat(part.headers().firstValue("Content-Range"))
          .contains("bytes 100-1099/" + stored.length);
      assertThat(part.body()).isEqualTo(Arrays.copyOfRange(stored, 100, 1100));
      assertThat(new String(manifest.body(), java.nio.charset.StandardCharsets.UTF_8))
          .startsWith("#EXTM3U").contains("\n" + version + "/v");

      // An object removed behind the server's back: a JSON 404, not a hung or broken answer.
      String other = keys.stream().filter(k -> k.endsWith(".m4s")).skip(1).findFirst()
          .orElseThrow();
      s3.blobs().removeBlob(s3.bucket(), other);
      HttpResponse<byte[]> gone = get(hls.replace("master.m3u8",
          version + "/" + other.substring(pkg.length())), null);
      assertThat(gone.statusCode()).isEqualTo(404);
      assertThat(new String(gone.body(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"error\"");
    }

    try (TestServer server = TestServer.start(data, Clock.systemUTC(),
        s3.config(PREFIX, "redirect"))) {
      String token = server.token("maya", "maya-password");
      String hls = playback(server, token, film);

      HttpResponse<byte[]> redirect = get(hls.replace("master.m3u8", segment), null);
      URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
      HttpResponse<byte[]> followed = HTTP.send(HttpRequest.newBuilder(location).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> manifest = get(hls, null);

      assertThat(redirect.statusCode()).isEqualTo(302);
      assertThat(location.getPort()).isEqualTo(s3.endpoint().getPort());
      assertThat(location.getQuery()).contains("X-Amz-Signature=");
      assertThat(followed.statusCode()).isEqualTo(200);
      assertThat(followed.body()).isEqualTo(stored);
      // Manifests stay served by Screenroom, from memory.
      assertThat(manifest.statusCode()).isEqualTo(200);

      HttpResponse<String> deleted = server.send("DELETE", "/api/films/" + film, token, null, "");
      assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
      assertThat(keys("films/" + film + "/")).isEmpty();
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private static HttpResponse<byte[]> get(String url, String range) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (range != null) {
      b.header("Range", range);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private List<String> keys(String under) {
    return s3.keys(PREFIX + under);
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
      String status = f.getString("status");
      if ("failed".equals(status)) {
        throw new AssertionError("film failed: " + f.encode());
      }
      return java.util.Optional.ofNullable("ready".equals(status) ? f : null);
    });
  }
}
