package org.screenroom.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.server.config.ByteSize;
import org.screenroom.server.ingest.url.UrlFetchSettings;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/**
 * {@code POST /api/films/{id}/source}: a real Screenroom downloading from a real HTTP server
 * (WireMock, standing in for the filmmaker's file host) with a 1 MiB upload limit and short
 * timeouts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UrlIngestTest {
  private static final long LIMIT = ByteSize.MIB;
  private static final Duration IDLE = Duration.ofSeconds(3);
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final Set<String> SETTLED = Set.of("ready", "failed");

  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private WireMockServer host;
  private TestServer server;
  private String ada;
  private String bob;
  private byte[] clip;

  @BeforeAll
  void start() throws Exception {
    host = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    host.start();
    server = TestServer.start(work.resolve("data"), clock, Map.of("max-upload-size", "1MiB"),
        new UrlFetchSettings(Duration.ofSeconds(2), IDLE, 5, 0, /* allowInternal= */ true));
    String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    for (String name : List.of("ada", "bob")) {
      HttpResponse<String> r = server.send("POST", "/api/accounts", admin, "application/json",
          new JsonObject().put("username", name).put("password", name + "-password")
              .put("role", "filmmaker").encode());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    ada = server.token("ada", "ada-password");
    bob = server.token("bob", "bob-password");
    clip = Files.readAllBytes(Media.clip(work.resolve("clip.mp4"), 2, 320, 240, true));
    assertThat((long) clip.length).as("the test clip must fit under the limit").isLessThan(LIMIT);
    // The first download of a fresh JVM loads the HTTP client's and WireMock's classes: load them
    // before the tests. (With a 0.8 s idle timeout this warm-up itself stalled out under load; 3 s
    // keeps the stall test quick and far from a loaded machine's pauses.)
    host.stubFor(get(urlEqualTo("/warm-up")).willReturn(aResponse().withStatus(404)));
    assertThat(ingest(host.url("/warm-up")).getString("error")).contains("404");
  }

  @AfterAll
  void stop() {
    server.close();
    host.stop();
  }

  @Test
  void source_realClipBehindARedirect_becomesReadyWithItsSha256_andAFailedRetryKeepsTheMaster()
      throws Exception {
    host.stubFor(get(urlEqualTo("/share/abc")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "/files/clip.mp4")));
    host.stubFor(get(urlEqualTo("/files/clip.mp4")).willReturn(aResponse()
        .withHeader("Content-Type", "video/mp4").withBody(clip)));
    String id = film("From a link");

    HttpResponse<String> r = postSource(id, ada, host.url("/share/abc"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(new JsonObject(r.body()).getString("status")).isEqualTo("processing");
    JsonObject film = settle(id);
    assertThat(film.getString("status")).as(film.encode()).isEqualTo("ready");
    JsonObject source = film.getJsonObject("source");
    assertThat(source.getString("sha256")).isEqualTo(sha256(clip));
    assertThat(source.getLong("size")).isEqualTo(clip.length);
    assertThat(source.getString("filename")).isEqualTo("clip.mp4");

    host.stubFor(get(urlEqualTo("/files/gone.mp4")).willReturn(aResponse().withStatus(404)));
    assertThat(postSource(id, ada, host.url("/files/gone.mp4")).statusCode()).isEqualTo(202);
    JsonObject retried = settle(id);
    // The film keeps playing the package it has; the failed retry shows on its next version.
    assertThat(retried.getString("status")).as(retried.encode()).isEqualTo("ready");
    assertThat(retried.getJsonObject("nextVersion").getString("status")).isEqualTo("failed");
    assertThat(retried.getJsonObject("nextVersion").getString("error")).contains("404");
    assertThat(retried.getJsonObject("source").getString("sha256")).isEqualTo(sha256(clip));
    Path master = server.app().files().masterDir(id).resolve("original.mp4");
    assertThat(sha256(Files.readAllBytes(master))).isEqualTo(sha256(clip));
    assertThat(uploadsLeftBehind(id)).isEmpty();
  }

  @Test
  void source_404_failsWithTheStatusInASentence() throws Exception {
    host.stubFor(get(urlEqualTo("/missing.mov")).willReturn(aResponse().withStatus(404)));

    JsonObject film = ingest(host.url("/missing.mov"));

    assertThat(film.getString("status")).isEqualTo("failed");
    assertThat(film.getString("error"))
        .isEqualTo("The address answered 404 Not Found: check the link and try again.");
  }

  @Test
  void source_bodyStallsPastTheIdleTimeout_failsAsStalled_whileTheServerKeepsServing()
      throws Exception {
    // 4 chunks over 30 s: a 10 s silence between chunks, far longer than the 3 s idle timeout.
    host.stubFor(get(urlEqualTo("/slow.mov")).willReturn(aResponse()
        .withBody(new byte[64 * 1024]).withChunkedDribbleDelay(4, 30_000)));
    String id = film("Slow host");

    assertThat(postSource(id, ada, host.url("/slow.mov")).statusCode()).isEqualTo(202);
    assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
    JsonObject film = settle(id);

    assertThat(film.getString("status")).isEqualTo("failed");
    assertThat(film.getString("error")).isEqualTo(
        "The download stalled for more than 3 s: check the link or upload the file instead.");
    assertThat(uploadsLeftBehind(id)).isEmpty();
  }

  @Test
  void source_redirectLoop_failsWithALoopSentence() throws Exception {
    host.stubFor(get(urlEqualTo("/loop/a")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", host.url("/loop/b"))));
    host.stubFor(get(urlEqualTo("/loop/b")).willReturn(aResponse().withStatus(301)
        .withHeader("Location", "/loop/a")));

    JsonObject film = ingest(host.url("/loop/a"));

    assertThat(film.getString("error")).startsWith("The address redirects in a loop:");
  }

  @Test
  void source_moreThanFiveRedirects_fails() throws Exception {
    for (int i = 1; i <= 7; i++) {
      host.stubFor(get(urlEqualTo("/hop/" + i)).willReturn(aResponse().withStatus(307)
          .withHeader("Location", "/hop/" + (i + 1))));
    }

    JsonObject film = ingest(host.url("/hop/1"));

    assertThat(film.getString("error")).startsWith("The address redirects more than 5 times:");
  }

  @Test
  void source_redirectToFtp_fails() throws Exception {
    host.stubFor(get(urlEqualTo("/to-ftp")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "ftp://files.example.org/film.mov")));

    JsonObject film = ingest(host.url("/to-ftp"));

    assertThat(film.getString("error")).startsWith(
        "The address redirects to ftp://files.example.org, which Screenroom will not download");
  }

  @Test
  void source_contentLengthOverTheLimit_isRefusedBeforeTheBody() throws Exception {
    host.stubFor(get(urlEqualTo("/big-declared.mov")).willReturn(aResponse()
        .withHeader("Content-Length", Long.toString(2 * LIMIT)).withBody(new byte[(int) (2 * LIMIT)])));

    JsonObject film = ingest(host.url("/big-declared.mov"));

    assertThat(film.getString("error"))
        .isEqualTo("The file is larger than the 1 MiB limit (the address announces 2 MiB).");
  }

  @Test
  void source_chunkedBodyGrowingPastTheLimit_isAborted() throws Exception {
    host.stubFor(get(urlEqualTo("/big-chunked.mov")).willReturn(aResponse()
        .withBody(new byte[(int) (3 * LIMIT)])));

    JsonObject film = ingest(host.url("/big-chunked.mov"));

    assertThat(film.getString("error")).isEqualTo("The file is larger than the 1 MiB limit.");
    assertThat(uploadsLeftBehind(film.getString("id"))).isEmpty();
  }

  @Test
  void source_textBody_failsAsATextFile() throws Exception {
    host.stubFor(get(urlEqualTo("/docs/notes.txt")).willReturn(aResponse()
        .withHeader("Content-Type", "text/plain")
        .withBody("This is a screenplay, not a film.\n".repeat(50))));

    JsonObject film = ingest(host.url("/docs/notes.txt"));

    assertThat(film.getString("status")).isEqualTo("failed");
    assertThat(film.getString("error")).startsWith("\"notes.txt\" is a text file, not a video.");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"url\": \"ftp://files.example.org/film.mov\"}",
      "{\"url\": \"files.example.org/film.mov\"}",
      "{\"url\": \"http://user:pw@files.example.org/film.mov\"}",
      "{\"url\": \"https://\"}",
      "{\"url\": \"https://files.example.org/a film.mov\"}",
      "{\"url\": \"javascript:alert(1)\"}",
      "{\"url\": \"file:///etc/passwd\"}",
      "{\"url\": \"\"}",
      "{\"url\": 42}",
      "{\"url\": [\"https://files.example.org/film.mov\"]}",
      "{\"url\": null}",
      "{}",
      "LONG",
  })
  void source_badUrl_is400NamingUrl(String body) throws Exception {
    String id = film("Bad address");
    String sent = "LONG".equals(body)
        ? new JsonObject().put("url", "https://files.example.org/" + "a".repeat(5000)).encode()
        : body;

    HttpResponse<String> r = server.send("POST", "/api/films/" + id + "/source", ada,
        "application/json", sent);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonObject error = new JsonObject(r.body());
    assertThat(error.getString("field")).isEqualTo("url");
    assertThat(error.getString("error")).isNotBlank().doesNotContain("Exception");
    assertThat(filmJson(id).getString("status")).isEqualTo("draft");
  }

  @Test
  void source_anotherFilmmaker_is404_anonymous_is401_andTheFilmIsUntouched() throws Exception {
    String id = film("Ada's film");
    String url = host.url("/files/clip.mp4");

    assertThat(postSource(id, bob, url).statusCode()).isEqualTo(404);
    assertThat(postSource(id, null, url).statusCode()).isEqualTo(401);
    assertThat(postSource("AAAAAAAAAAAA", ada, url).statusCode()).isEqualTo(404);
    assertThat(filmJson(id).getString("status")).isEqualTo("draft");
  }

  private JsonObject ingest(String url) throws Exception {
    String id = film("Ingest " + url);
    HttpResponse<String> r = postSource(id, ada, url);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return settle(id);
  }

  private String film(String title) throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/films", ada, "application/json",
        new JsonObject().put("title", title).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("id");
  }

  private HttpResponse<String> postSource(String id, String token, String url) throws Exception {
    return server.send("POST", "/api/films/" + id + "/source", token, "application/json",
        new JsonObject().put("url", url).encode());
  }

  private JsonObject filmJson(String id) throws Exception {
    HttpResponse<String> r = server.get("/api/films/" + id, ada);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  /** Polls the film until it is ready or failed, within {@link #DEADLINE}. */
  private JsonObject settle(String id) throws Exception {
    return org.screenroom.server.testing.Await.until(DEADLINE, "film " + id + " to settle", () -> {
      JsonObject film = filmJson(id);
      // A ready film's next version being prepared is not settled either.
      JsonObject next = film.getJsonObject("nextVersion");
      boolean preparing = next != null && "processing".equals(next.getString("status"));
      return SETTLED.contains(film.getString("status")) && !preparing
          ? java.util.Optional.of(film) : java.util.Optional.empty();
    });
  }

  private List<Path> uploadsLeftBehind(String id) throws Exception {
    Path uploads = work.resolve("data").resolve("uploads");
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (var entries = Files.list(uploads)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("url-" + id + "-")).toList();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
