package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;
import org.screenroom.server.testing.WebSession;

/** Browser sign-in over real HTTP: the cookie, /api/me, sign-out, expiry and forged cookies. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionFlowTest {
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private TestServer server;

  @BeforeAll
  void start() {
    server = TestServer.start(work.resolve("data"), clock);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void session_loginMeCreateFilmLogout_thenAnonymous() throws Exception {
    WebSession web = WebSession.login(server, "admin", TestServer.ADMIN_PASSWORD);
    JsonObject login = new JsonObject(web.login().body());
    assertThat(login.getString("username")).isEqualTo("admin");
    assertThat(login.getString("role")).isEqualTo("admin");
    assertThat(web.csrfToken()).isNotBlank().isNotEqualTo(web.secret());
    assertThat(web.login().body()).doesNotContain(web.secret());

    HttpResponse<String> me = server.send(web.request(server, "GET", "/api/me", null).build());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(me.body()).getString("username")).isEqualTo("admin");
    assertThat(new JsonObject(me.body()).getString("csrfToken")).isEqualTo(web.csrfToken());

    HttpResponse<String> film = server.send(web.write(server, "POST", "/api/films",
        "{\"title\":\"Daisies\"}").build());
    assertThat(film.statusCode()).as(film.body()).isEqualTo(201);

    HttpResponse<String> out = server.send(web.write(server, "DELETE", "/api/session", null).build());
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(WebSession.setCookie(out, "sr_session")).hasValueSatisfying(c ->
        assertThat(c).startsWith("sr_session=;").containsIgnoringCase("Max-Age=0"));
    assertThat(WebSession.setCookie(out, "sr_csrf")).hasValueSatisfying(c ->
        assertThat(c).containsIgnoringCase("Max-Age=0"));

    assertThat(server.send(web.request(server, "GET", "/api/me", null).build()).statusCode())
        .isEqualTo(401);
    assertThat(server.send(web.write(server, "POST", "/api/films", "{\"title\":\"x\"}").build())
        .statusCode()).isEqualTo(401);
  }

  @Test
  void session_cookieAttributes_overPlainHttp() throws Exception {
    WebSession web = WebSession.login(server, "admin", TestServer.ADMIN_PASSWORD);

    String session = WebSession.setCookie(web.login(), "sr_session").orElseThrow();
    assertThat(attributes(session)).contains("httponly", "samesite=lax", "path=/",
        "max-age=" + Duration.ofDays(30).toSeconds());
    assertThat(session).doesNotContainIgnoringCase("Secure").doesNotContainIgnoringCase("Domain");
    String csrf = WebSession.setCookie(web.login(), "sr_csrf").orElseThrow();
    assertThat(csrf).startsWith("sr_csrf=" + web.csrfToken() + ";");
    assertThat(attributes(csrf)).contains("samesite=lax", "path=/").doesNotContain("httponly", "secure");
    assertThat(web.login().headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void session_cookieIsSecure_underHttpsPublicUrl(@TempDir Path other) throws Exception {
    try (TestServer https = TestServer.start(other, clock,
        Map.of("public-url", "https://films.example.org"))) {
      WebSession web = WebSession.login(https, "admin", TestServer.ADMIN_PASSWORD);

      assertThat(attributes(WebSession.setCookie(web.login(), "sr_session").orElseThrow()))
          .contains("secure", "httponly", "samesite=lax", "path=/");
      assertThat(attributes(WebSession.setCookie(web.login(), "sr_csrf").orElseThrow()))
          .contains("secure").doesNotContain("httponly");
      // The public URL is the expected origin behind a TLS-terminating proxy.
      assertThat(https.send(web.write(https, "POST", "/api/films", "{\"title\":\"x\"}")
          .header("Origin", "https://films.example.org").build()).statusCode()).isEqualTo(201);
    }
  }

  /** A Set-Cookie header's attributes, lower-cased (Vert.x writes "HTTPOnly"). */
  private static java.util.List<String> attributes(String setCookie) {
    return java.util.Arrays.stream(setCookie.split(";\\s*")).skip(1)
        .map(a -> a.toLowerCase(java.util.Locale.ROOT)).toList();
  }

  @Test
  void session_idleTimeout_endsTheSession_butUseSlidesIt() throws Exception {
    WebSession web = WebSession.login(server, "admin", TestServer.ADMIN_PASSWORD);
    clock.advance(Duration.ofHours(11));
    assertThat(server.send(web.request(server, "GET", "/api/me", null).build()).statusCode())
        .isEqualTo(200);
    clock.advance(Duration.ofHours(11));
    assertThat(server.send(web.request(server, "GET", "/api/me", null).build()).statusCode())
        .as("11 h after the last use").isEqualTo(200);

    clock.advance(Duration.ofHours(12).plusSeconds(1));
    HttpResponse<String> me = server.send(web.request(server, "GET", "/api/me", null).build());

    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(WebSession.setCookie(me, "sr_session")).hasValueSatisfying(c ->
        assertThat(c).containsIgnoringCase("Max-Age=0"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "",
      "x",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      "'%20OR%201=1%20--",
      "../../catalog.db",
      "%00",
      "sr_session=nested",
      "\"quoted\"",
  })
  void me_forgedOrGarbageCookie_isAnonymous(String cookie) throws Exception {
    HttpResponse<String> r = server.send(WebSession.cookieRequest(server, cookie, "GET", "/api/me", null).build());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(r.body()).getString("error")).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
    assertThat(server.send(WebSession.cookieRequest(server, cookie, "GET", "/api/films", null)
        .build()).statusCode()).as("anonymous listing still works").isEqualTo(200);
  }

  @Test
  void me_apiTokenSentAsCookie_isAnonymous_andCookieSecretIsNoBearerToken() throws Exception {
    String token = server.token("admin", TestServer.ADMIN_PASSWORD);
    WebSession web = WebSession.login(server, "admin", TestServer.ADMIN_PASSWORD);

    assertThat(server.send(WebSession.cookieRequest(server, token, "GET", "/api/me", null).build())
        .statusCode()).isEqualTo(401);
    assertThat(server.get("/api/me", web.secret()).statusCode()).isEqualTo(401);
    assertThat(server.get("/api/me", token).statusCode()).isEqualTo(200);
  }

  @Test
  void me_anonymous_is401() throws Exception {
    HttpResponse<String> r = server.get("/api/me", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(r.body()).getString("error")).contains("POST /api/session");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON          | {\"username\":         | 400",
      "array             | []                     | 400",
      "no password       | {\"username\":\"admin\"} | 400",
      "password a number | {\"username\":\"admin\",\"password\":7} | 400",
      "empty username    | {\"username\":\"\",\"password\":\"x\"} | 400",
      "unknown user      | {\"username\":\"nobody\",\"password\":\"x\"} | 401",
  })
  void login_badBodies_areRefusedWithASentence(String label, String body, int status) throws Exception {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(new JsonObject(r.body()).getString("error")).isNotBlank();
    assertThat(WebSession.setCookie(r, "sr_session")).isEmpty();
    assertThat(r.headers().firstValue("WWW-Authenticate")).as("no browser pop-up").isEmpty();
  }

  @Test
  void login_again_replacesThePreviousSession() throws Exception {
    WebSession first = WebSession.login(server, "admin", TestServer.ADMIN_PASSWORD);
    HttpResponse<String> again = server.send(first.request(server, "POST", "/api/session",
        new JsonObject().put("username", "admin").put("password", TestServer.ADMIN_PASSWORD).encode())
        .build());
    assertThat(again.statusCode()).isEqualTo(201);

    assertThat(server.send(first.request(server, "GET", "/api/me", null).build()).statusCode())
        .isEqualTo(401);
  }
}
