package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.Cli;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/**
 * One film end to end: the {@code ingest} command on a generated 4-second 640x360 clip with
 * audio, then {@code serve} on port 0, then ffprobe (an independent client) reading the signed
 * HLS and DASH URLs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.now());
  private TestServer server;
  private String filmId;
  private Cli.Result ingest;

  @BeforeAll
  void ingestThenServe() throws Exception {
    Path clip = Media.clip(work.resolve("clip.mp4"), 4, 640, 360, true);
    Path data = work.resolve("data");
    ingest = Cli.run(work, "ingest", clip.toString(), "--title", "End to end",
        "--data", data.toString(), "--cache-dir", Media.CACHE.toString(),
        "--x264-preset", "veryfast", "--admin-password", TestServer.ADMIN_PASSWORD);
    assertThat(ingest.exitCode()).as(ingest.stderr()).isZero();
    filmId = ingest.lastLine();
    server = TestServer.start(data, clock);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void ingest_printsFilmIdLast_andFilmIsReadyWithVerifiedSource() throws Exception {
    assertThat(filmId).matches("[A-Za-z0-9_-]{12}");
    String token = server.token("admin", TestServer.ADMIN_PASSWORD);
    JsonObject film = new JsonObject(server.get("/api/films/" + filmId, token).body());

    assertThat(film.getString("status")).isEqualTo("ready");
    assertThat(film.getInteger("progress")).isEqualTo(100);
    assertThat(film.getString("title")).isEqualTo("End to end");
    assertThat(film.getJsonObject("source").getString("sha256")).matches("[0-9a-f]{64}");
    assertThat(film.getJsonObject("source").getString("filename")).isEqualTo("clip.mp4");
    JsonArray renditions = film.getJsonArray("renditions");
    assertThat(renditions.stream().map(r -> ((JsonObject) r).getInteger("height")).toList())
        .contains(360);
    assertThat(renditions.stream().map(r -> ((JsonObject) r).getString("codec")).toList())
        .anyMatch(c -> c.startsWith("avc1.")).anyMatch(c -> c.startsWith("mp4a."));
  }

  @Test
  void ingest_ranAsAPersistedJob_doneInTheJobsApi() throws Exception {
    String token = server.token("admin", TestServer.ADMIN_PASSWORD);

    JsonArray jobs = new JsonObject(server.get("/api/films/" + filmId + "/jobs", token).body())
        .getJsonArray("items");

    assertThat(jobs.size()).isEqualTo(1);
    JsonObject job = jobs.getJsonObject(0);
    assertThat(job.getString("state")).isEqualTo("done");
    assertThat(job.getInteger("attempt")).isEqualTo(1);
    assertThat(job.getString("startedAt")).isNotNull();
    assertThat(job.getString("finishedAt")).isNotNull();
    JsonObject same = new JsonObject(server.get("/api/jobs/" + job.getString("id"), token).body());
    assertThat(same.getString("filmId")).isEqualTo(filmId);
  }

  @Test
  void playback_hlsAndDash_readByFfprobe_haveDurationAndStreams() throws Exception {
    JsonObject playback = playback();

    for (String url : List.of(playback.getString("hls"), playback.getString("dash"))) {
      JsonObject probe = Media.probe(url);
      double duration = Double.parseDouble(probe.getJsonObject("format").getString("duration"));
      List<String> types = probe.getJsonArray("streams").stream()
          .map(s -> ((JsonObject) s).getString("codec_type")).toList();
      assertThat(duration).as(url).isCloseTo(4.0, within(0.3));
      assertThat(types).as(url).contains("video", "audio");
      JsonObject video = probe.getJsonArray("streams").stream().map(s -> (JsonObject) s)
          .filter(s -> "video".equals(s.getString("codec_type"))).findFirst().orElseThrow();
      assertThat(video.getInteger("width")).isEqualTo(640);
      assertThat(video.getInteger("height")).isEqualTo(360);
    }
  }

  @Test
  void playback_segmentsCarryExactTypesAndCaching() throws Exception {
    String hls = playback().getString("hls");
    String base = hls.substring(0, hls.length() - "master.m3u8".length());

    HttpResponse<String> master = server.get(hls, null);
    // The entry manifest names the package version every other file sits under.
    java.util.regex.Matcher variant = java.util.regex.Pattern
        .compile("(?m)^([a-z0-9]+-[a-z0-9]{6})/v360/index\\.m3u8$").matcher(master.body());
    assertThat(variant.find()).as(master.body()).isTrue();
    String version = variant.group(1);
    HttpResponse<String> segment = server.get(base + version + "/v360/seg_00000.m4s", null);
    HttpResponse<String> unversioned = server.get(base + "v360/seg_00000.m4s", null);
    HttpResponse<String> mpd = server.get(base + "manifest.mpd", null);

    assertThat(master.statusCode()).isEqualTo(200);
    assertThat(master.headers().firstValue("content-type")).contains("application/vnd.apple.mpegurl");
    assertThat(master.body()).contains("#EXT-X-VERSION:7", version + "/v360/index.m3u8");
    assertThat(segment.statusCode()).isEqualTo(200);
    assertThat(segment.headers().firstValue("content-type")).contains("video/iso.segment");
    assertThat(segment.headers().firstValue("cache-control")).hasValueSatisfying(
        v -> assertThat(v).contains("immutable"));
    // The same bytes under a URL without the version: a new transcode would replace them there.
    assertThat(unversioned.statusCode()).isEqualTo(200);
    assertThat(unversioned.body()).isEqualTo(segment.body());
    assertThat(unversioned.headers().firstValue("cache-control")).contains("public, max-age=10");
    assertThat(server.get(base + "zz-000000/v360/seg_00000.m4s", null).statusCode())
        .as("a version the film never had").isEqualTo(404);
    assertThat(mpd.headers().firstValue("content-type")).contains("application/dash+xml");
    assertThat(mpd.body()).contains("<BaseURL>" + version + "/</BaseURL>");
  }

  @Test
  void segments_rangesConditionalsAndHead() throws Exception {
    String hls = playback().getString("hls");
    String segment = hls.substring(0, hls.length() - "master.m3u8".length()) + "v360/seg_00000.m4s";
    HttpResponse<String> whole = server.get(segment, null);
    String etag = whole.headers().firstValue("etag").orElseThrow();
    long size = Long.parseLong(whole.headers().firstValue("content-length").orElseThrow());

    HttpResponse<byte[]> part = bytes(segment, "Range", "bytes=10-19");
    HttpResponse<byte[]> suffix = bytes(segment, "Range", "bytes=-500");
    HttpResponse<byte[]> beyond = bytes(segment, "Range", "bytes=" + size + "-");
    HttpResponse<byte[]> same = bytes(segment, "If-None-Match", etag);
    HttpResponse<byte[]> since = bytes(segment, "If-Modified-Since",
        whole.headers().firstValue("last-modified").orElseThrow());
    HttpResponse<Void> head = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(segment))
        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());

    assertThat(etag).matches("\"[0-9a-f]+-[0-9a-f]+\"");
    assertThat(whole.headers().firstValue("accept-ranges")).contains("bytes");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).hasSize(10);
    assertThat(part.headers().firstValue("content-range")).contains("bytes 10-19/" + size);
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.body()).hasSize(500);
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("content-range")).contains("bytes */" + size);
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    assertThat(since.statusCode()).isEqualTo(304);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("content-length")).contains(Long.toString(size));
  }

  @Test
  void manifests_areCompressedWhenAsked() throws Exception {
    String hls = playback().getString("hls");
    String media = hls.substring(0, hls.length() - "master.m3u8".length()) + "v360/index.m3u8";

    HttpResponse<byte[]> gzip = bytes(media, "Accept-Encoding", "gzip");

    assertThat(gzip.statusCode()).isEqualTo(200);
    assertThat(gzip.headers().firstValue("content-encoding")).contains("gzip");
    String text = new String(new java.util.zip.GZIPInputStream(
        new java.io.ByteArrayInputStream(gzip.body())).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).startsWith("#EXTM3U");
  }

  private HttpResponse<byte[]> bytes(String url, String header, String value) throws Exception {
    return server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
        .header(header, value).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void playback_tamperedUrl_is403_expiredUrl_is410() throws Exception {
    String hls = playback().getString("hls");
    String token = hls.split("/play/")[1].split("/")[0];
    String[] parts = token.split("\\.");
    String otherViewer = hls.replace("." + parts[2] + ".", "." + parts[2] + "x.");
    String lastChar = parts[3].substring(parts[3].length() - 1);
    String badSignature = hls.replace(parts[3], parts[3].substring(0, parts[3].length() - 1)
        + ("A".equals(lastChar) ? "B" : "A"));

    assertThat(server.get(otherViewer, null).statusCode()).isEqualTo(403);
    assertThat(server.get(badSignature, null).statusCode()).isEqualTo(403);
    assertThat(server.get(hls, null).statusCode()).isEqualTo(200);

    clock.advance(server.app().playbackTtl().plus(Duration.ofSeconds(2)));
    try {
      HttpResponse<String> expired = server.get(hls, null);
      assertThat(expired.statusCode()).isEqualTo(410);
      assertThat(new JsonObject(expired.body()).getString("error")).contains("expired");
    } finally {
      clock.advance(server.app().playbackTtl().negated().minus(Duration.ofSeconds(2)));
    }
  }

  @Test
  void metrics_forAnAdmin_countRequestsByRouteTemplate() throws Exception {
    playback();
    String admin = server.token("admin", TestServer.ADMIN_PASSWORD);

    HttpResponse<String> anonymous = server.get("/metrics", null);
    HttpResponse<String> metrics = server.get("/metrics", admin);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("vertx_http_server_requests_total{",
        "screenroom_film_access_cache_hit_ratio", "/api/films/:id/playback\"}", "route=\"/play/.*\"");
    // Route templates only: no film id or token ever becomes a label value.
    assertThat(metrics.body()).doesNotContain(filmId);
  }

  @Test
  void health_readyNamesTheBundledFfmpeg() throws Exception {
    HttpResponse<String> live = server.get("/health/live", null);
    HttpResponse<String> ready = server.get("/health/ready", null);

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(ready.statusCode()).isEqualTo(200);
    JsonObject ffmpeg = new JsonObject(ready.body()).getJsonObject("ffmpeg");
    assertThat(ffmpeg.getString("origin")).isEqualTo("bundled");
    assertThat(ffmpeg.getString("version")).isNotBlank();
  }

  private JsonObject playback() throws Exception {
    HttpResponse<String> r = server.get("/api/films/" + filmId + "/playback", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }
}
