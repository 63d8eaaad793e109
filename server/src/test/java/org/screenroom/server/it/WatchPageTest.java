package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.PackagedFilm;
import org.screenroom.server.testing.TestServer;

/**
 * The watch page carries the caller's playback answer (no API round trip before the first
 * manifest request) under the same CSP; assets are immutable and sent pre-compressed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchPageTest {
  private static final Pattern BLOCK =
      Pattern.compile("<script type=\"application/json\" id=\"playback\">(.*?)</script>");
  private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/watch-[^\"]+\\.js)\"");

  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private TestServer server;
  private PackagedFilm film;
  private String draftId;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), clock);
    film = PackagedFilm.create(server, 4096);
    String admin = server.app().accounts().findByUsername("admin").orElseThrow().id();
    draftId = server.app().films().create(admin, new FilmMetadata("Draft", null, null, null,
        List.of(), List.of(), Visibility.DRAFT, Optional.empty(), Optional.empty())).id();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/watch/", "/embed/"})
  void watchPage_carriesAWorkingPlaybackAnswer_underTheStrictCsp(String page) throws Exception {
    HttpResponse<String> r = server.get(page + film.id() + "?autoplay=1", null);

    assertThat(r.statusCode()).isEqualTo(200);
    Matcher m = BLOCK.matcher(r.body());
    assertThat(m.find()).as(r.body()).isTrue();
    JsonObject boot = new JsonObject(m.group(1));
    assertThat(boot.getString("filmId")).isEqualTo(film.id());
    assertThat(boot.getString("expiresAt")).isNotBlank();
    String hls = boot.getString("hls");
    assertThat(r.body()).contains("<link rel=\"preload\" as=\"fetch\" crossorigin href=\"" + hls + "\">");
    // The data block is not a script the CSP would have to allow.
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    // The signed URL in the page plays.
    HttpResponse<String> master = server.get(hls, null);
    assertThat(master.statusCode()).isEqualTo(200);
    assertThat(master.body()).startsWith("#EXTM3U");
  }

  @ParameterizedTest
  @ValueSource(strings = {"draft", "unknown"})
  void watchPage_forAFilmTheCallerMayNotWatch_isThePlainPage(String which) throws Exception {
    String id = which.equals("draft") ? draftId : "NoSuchFilm12";
    HttpResponse<String> r = server.get("/watch/" + id, null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("id=\"player\"").doesNotContain("id=\"playback\"")
        .doesNotContain("rel=\"preload\" as=\"fetch\"");
    // The player then asks the API, which says why in words.
    HttpResponse<String> api = server.get("/api/films/" + id + "/playback", null);
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(api.body()).getString("error")).isNotBlank();
  }

  @Test
  void assets_areImmutable_andPreCompressedWhenAccepted() throws Exception {
    Matcher m = SCRIPT.matcher(server.get("/watch/" + film.id(), null).body());
    assertThat(m.find()).isTrue();
    String script = m.group(1);

    HttpResponse<byte[]> plain = bytes(script, null);
    HttpResponse<byte[]> gzip = bytes(script, "gzip, deflate");
    HttpResponse<byte[]> br = bytes(script, "gzip, deflate, br, zstd");

    for (HttpResponse<byte[]> r : List.of(plain, gzip, br)) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
      assertThat(r.headers().firstValue("Vary")).contains("Accept-Encoding");
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    }
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(gzip.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(br.headers().firstValue("Content-Encoding")).contains("br");
    byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
    assertThat(unzipped).isEqualTo(plain.body());
    assertThat(gzip.body().length).isLessThan(plain.body().length);
    assertThat(br.body().length).isLessThan(gzip.body().length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/assets/nope-12345678.js", "/assets/", "/assets/..%2fwatch.html"})
  void assets_unknown_are404(String path) throws Exception {
    assertThat(server.get(path, null).statusCode()).isEqualTo(404);
  }

  @Test
  void assets_compressedCopies_areNotAddressable() throws Exception {
    Matcher m = SCRIPT.matcher(server.get("/watch/" + film.id(), null).body());
    assertThat(m.find()).isTrue();
    assertThat(server.get(m.group(1) + ".gz", null).statusCode()).isEqualTo(404);
  }

  private HttpResponse<byte[]> bytes(String path, String acceptEncoding) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
    if (acceptEncoding != null) {
      b.header("Accept-Encoding", acceptEncoding);
    }
    return server.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
