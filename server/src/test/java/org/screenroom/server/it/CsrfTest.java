package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;
import org.screenroom.server.testing.WebSession;

/** Cookie-authenticated writes need the session's CSRF token and a same-site origin; tokens do not. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfTest {
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private TestServer server;
  private WebSession admin;
  private WebSession other;
  private String token;
  private String filmId;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), clock);
    admin = WebSession.login(server, "admin", TestServer.ADMIN_PASSWORD);
    other = WebSession.login(server, "admin", TestServer.ADMIN_PASSWORD);
    token = server.token("admin", TestServer.ADMIN_PASSWORD);
    filmId = new JsonObject(server.send(admin.write(server, "POST", "/api/films",
        "{\"title\":\"Target\"}").build()).body()).getString("id");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** Which CSRF token a request carries. */
  enum Csrf { NONE, RIGHT, WRONG, EMPTY, OTHER_SESSION, SESSION_SECRET, LOWER_CASED }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "POST, no header                 | POST   | /api/films    | NONE           | -                        | -           | 403",
      "POST, wrong token               | POST   | /api/films    | WRONG          | -                        | -           | 403",
      "POST, empty header              | POST   | /api/films    | EMPTY          | -                        | -           | 403",
      "POST, another session's token   | POST   | /api/films    | OTHER_SESSION  | -                        | -           | 403",
      "POST, the cookie itself         | POST   | /api/films    | SESSION_SECRET | -                        | -           | 403",
      "POST, token case changed        | POST   | /api/films    | LOWER_CASED    | -                        | -           | 403",
      "POST, right token               | POST   | /api/films    | RIGHT          | -                        | -           | 201",
      "POST, right token, same origin  | POST   | /api/films    | RIGHT          | SELF                     | same-origin | 201",
      "POST, typed in the address bar  | POST   | /api/films    | RIGHT          | -                        | none        | 201",
      "POST, cross-site Origin         | POST   | /api/films    | RIGHT          | https://evil.example     | -           | 403",
      "POST, Origin null (sandboxed)   | POST   | /api/films    | RIGHT          | null                     | -           | 403",
      "POST, sibling-prefix Origin     | POST   | /api/films    | RIGHT          | SELF.evil.example        | -           | 403",
      "POST, Origin with credentials   | POST   | /api/films    | RIGHT          | http://SELF@evil.example | -           | 403",
      "POST, Sec-Fetch-Site cross-site | POST   | /api/films    | RIGHT          | -                        | cross-site  | 403",
      "POST, Sec-Fetch-Site same-site  | POST   | /api/films    | RIGHT          | -                        | same-site   | 403",
      "PATCH, no header                | PATCH  | /api/films/ID | NONE           | -                        | -           | 403",
      "PATCH, right token              | PATCH  | /api/films/ID | RIGHT          | -                        | -           | 200",
      "DELETE session, no header       | DELETE | /api/session  | NONE           | -                        | -           | 403",
      "DELETE token, no header         | DELETE | /api/tokens/AAAAAAAAAAAA | NONE | -                      | -           | 403",
      "PUT, no header                  | PUT    | /api/films/ID | NONE           | -                        | -           | 403",
      "GET, no header, cross-site      | GET    | /api/films    | NONE           | https://evil.example     | cross-site  | 200",
      "GET me, no header               | GET    | /api/me       | NONE           | -                        | -           | 200",
  })
  void cookieRequest_csrfAndOrigin(String label, String method, String path, Csrf csrf,
      String origin, String fetchSite, int status) throws Exception {
    String body = switch (method) {
      case "POST" -> "{\"title\":\"Made by " + label.replace("\"", "") + "\"}";
      case "PATCH", "PUT" -> "{\"logline\":\"changed\"}";
      default -> null;
    };
    HttpRequest.Builder b = admin.request(server, method, path.replace("ID", filmId), body);
    String header = switch (csrf) {
      case NONE -> null;
      case RIGHT -> admin.csrfToken();
      case WRONG -> "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
      case EMPTY -> "";
      case OTHER_SESSION -> other.csrfToken();
      case SESSION_SECRET -> admin.secret();
      case LOWER_CASED -> admin.csrfToken().toLowerCase(java.util.Locale.ROOT);
    };
    if (header != null) {
      b.header("X-CSRF-Token", header);
    }
    String self = URI.create(server.url()).getAuthority();
    if (origin != null) {
      b.header("Origin", origin.equals("SELF") ? server.url() : origin.replace("SELF", self));
    }
    if (fetchSite != null) {
      b.header("Sec-Fetch-Site", fetchSite);
    }

    HttpResponse<String> r = server.send(b.build());

    assertThat(r.statusCode()).as(r.body()).isIn(status, status == 200 && "PUT".equals(method) ? 405 : status);
    if (status == 403) {
      assertThat(new JsonObject(r.body()).getString("error")).isNotBlank();
      assertThat(r.body()).doesNotContain("Exception");
    }
    assertThat(server.send(admin.request(server, "GET", "/api/me", null).build()).statusCode())
        .as("the session survives a refused request").isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "no CSRF header            | -                    | -",
      "cross-site Origin         | https://evil.example | cross-site",
  })
  void bearerRequest_needsNoCsrfToken(String label, String origin, String fetchSite) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/api/films"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        // A stale session cookie beside a bearer token changes nothing: the token wins.
        .header("Cookie", "sr_session=" + admin.secret())
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"By script\"}"));
    if (origin != null) {
      b.header("Origin", origin).header("Sec-Fetch-Site", fetchSite);
    }
    assertThat(server.send(b.build()).statusCode()).isEqualTo(201);
  }

  @Test
  void login_fromAnotherSite_isRefused() throws Exception {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/session"))
        .header("Content-Type", "application/json").header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "admin")
            .put("password", TestServer.ADMIN_PASSWORD).encode())).build());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(WebSession.setCookie(r, "sr_session")).isEmpty();
  }

  @Test
  void logout_withCsrfToken_endsOnlyThatSession() throws Exception {
    WebSession third = WebSession.login(server, "admin", TestServer.ADMIN_PASSWORD);
    assertThat(server.send(third.write(server, "DELETE", "/api/session", null).build()).statusCode())
        .isEqualTo(204);
    assertThat(server.send(third.request(server, "GET", "/api/me", null).build()).statusCode())
        .isEqualTo(401);
    assertThat(server.send(admin.request(server, "GET", "/api/me", null).build()).statusCode())
        .isEqualTo(200);
  }
}
