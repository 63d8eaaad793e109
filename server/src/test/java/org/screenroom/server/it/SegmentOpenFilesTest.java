package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.PackagedFilm;
import org.screenroom.server.testing.TestServer;

/**
 * Segments go out of files held open by the server, opened on a worker (the opener refuses an
 * event loop, so a request answered here proves the open was not on one; the blocked-thread
 * checker fails the test too): one open for many sends, and a package a new transcode renamed
 * over the old one is served once the film's change reloads its index, never under the old
 * headers.
 */
class SegmentOpenFilesTest {
  private static final int SEGMENT_BYTES = 300_000;
  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private TestServer server;
  private PackagedFilm film;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), clock, Map.of());
    film = PackagedFilm.create(server, SEGMENT_BYTES);
    admin = server.token("admin", TestServer.ADMIN_PASSWORD);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void segmentSentFourTimes_isOpenedOnce_andByteExact() throws Exception {
    String url = film.playbackPrefix(server, null) + PackagedFilm.SEGMENT;

    HttpResponse<byte[]> first = get(url, null);
    HttpResponse<byte[]> part = get(url, "bytes=1000-1999");
    HttpResponse<byte[]> tail = get(url, "bytes=-10");
    HttpResponse<byte[]> again = get(url, null);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo(film.segment());
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(film.segment(), 1000, 2000));
    assertThat(tail.body())
        .isEqualTo(Arrays.copyOfRange(film.segment(), SEGMENT_BYTES - 10, SEGMENT_BYTES));
    assertThat(again.body()).isEqualTo(film.segment());
    assertThat(metric("screenroom_package_file_opens_total")).isEqualTo(1.0);
    assertThat(metric("screenroom_open_package_files")).isEqualTo(1.0);
  }

  @Test
  void newPackageRenamedIn_isStaleUntilTheFilmChanges_thenServed() throws Exception {
    String prefix = film.playbackPrefix(server, null);
    // The index is read (the playlist is served from it) but the segment not opened yet.
    assertThat(get(prefix + "v0/playlist.m3u8", null).statusCode()).isEqualTo(200);
    byte[] replaced = film.republish(server);

    HttpResponse<byte[]> during = get(prefix + PackagedFilm.SEGMENT, null);

    assertThat(during.statusCode()).isEqualTo(503);
    assertThat(during.headers().firstValue("retry-after")).contains("1");
    assertThat(new JsonObject(new String(during.body(), StandardCharsets.UTF_8))
        .getString("error")).contains("try again");

    clock.advance(Duration.ofSeconds(5));
    assertThat(server.send("PATCH", "/api/films/" + film.id(), admin, "application/json",
        "{\"title\": \"Packaged again\"}").statusCode()).isEqualTo(200);
    HttpResponse<byte[]> after = get(prefix + PackagedFilm.SEGMENT, null);

    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo(replaced);
  }

  @Test
  void openSegment_keepsServingItsPackage_untilTheFilmChanges() throws Exception {
    String url = film.playbackPrefix(server, null) + PackagedFilm.SEGMENT;
    HttpResponse<byte[]> before = get(url, null);
    byte[] replaced = film.republish(server);

    HttpResponse<byte[]> held = get(url, null);
    clock.advance(Duration.ofSeconds(5));
    server.send("PATCH", "/api/films/" + film.id(), admin, "application/json",
        "{\"title\": \"Packaged again\"}");
    HttpResponse<byte[]> after = get(url, null);

    assertThat(held.body()).as("the old index's headers with the old file's bytes")
        .isEqualTo(film.segment());
    assertThat(held.headers().firstValue("etag")).isEqualTo(before.headers().firstValue("etag"));
    assertThat(after.body()).isEqualTo(replaced);
    assertThat(after.headers().firstValue("etag"))
        .isNotEqualTo(before.headers().firstValue("etag"));
    assertThat(metric("screenroom_package_file_opens_total")).isEqualTo(2.0);
  }

  private HttpResponse<byte[]> get(String url, String range) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (range != null) {
      b.header("Range", range);
    }
    return server.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private double metric(String name) throws Exception {
    String text = server.get("/metrics", admin).body();
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
    assertThat(m.find()).as(name + " in " + text).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
