package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;
import org.screenroom.server.testing.WebSession;

/** Password guessing is slowed on both sign-in endpoints, by username and address, in the catalog. */
class LoginThrottlingTest {
  private static final String RIGHT = TestServer.ADMIN_PASSWORD;
  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private TestServer server;

  /** The two password endpoints. */
  enum Endpoint {
    SESSION, TOKENS;

    HttpResponse<String> login(TestServer server, String user, String password) throws Exception {
      if (this == SESSION) {
        return WebSession.post(server, user, password);
      }
      return server.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/tokens"))
          .header("Authorization", TestServer.basic(user, password))
          .POST(HttpRequest.BodyPublishers.noBody()).build());
    }
  }

  @BeforeEach
  void start() {
    server = TestServer.start(work.resolve("data"), clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void fiveFailures_then429WithRetryAfter_evenForTheRightPassword(Endpoint endpoint) throws Exception {
    for (int i = 1; i <= 5; i++) {
      assertThat(endpoint.login(server, "admin", "guess-" + i).statusCode()).as("guess %d", i)
          .isEqualTo(401);
    }

    HttpResponse<String> locked = endpoint.login(server, "admin", RIGHT);

    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).contains("60");
    assertThat(new JsonObject(locked.body()).getString("error")).contains("60 seconds");
    assertThat(locked.body()).doesNotContain("Exception");
    assertThat(WebSession.setCookie(locked, "sr_session")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Endpoint.class)
  void lockOut_endsWhenTheClockPassesIt_andDoublesOnTheNextFailure(Endpoint endpoint) throws Exception {
    fail(endpoint, "admin", 5);
    clock.advance(Duration.ofSeconds(30));
    assertThat(endpoint.login(server, "admin", RIGHT).headers().firstValue("Retry-After")).contains("30");

    clock.advance(Duration.ofSeconds(31));
    assertThat(endpoint.login(server, "admin", "guess-6").statusCode()).isEqualTo(401);
    assertThat(endpoint.login(server, "admin", RIGHT).headers().firstValue("Retry-After")).contains("120");

    clock.advance(Duration.ofSeconds(121));
    assertThat(endpoint.login(server, "admin", RIGHT).statusCode()).isEqualTo(201);
  }

  @Test
  void failures_countAcrossBothEndpoints() throws Exception {
    fail(Endpoint.TOKENS, "admin", 3);
    fail(Endpoint.SESSION, "admin", 2);

    assertThat(Endpoint.SESSION.login(server, "admin", RIGHT).statusCode()).isEqualTo(429);
    assertThat(Endpoint.TOKENS.login(server, "admin", RIGHT).statusCode()).isEqualTo(429);
  }

  @Test
  void success_resetsTheUsernameCount() throws Exception {
    fail(Endpoint.SESSION, "admin", 4);
    assertThat(Endpoint.SESSION.login(server, "admin", RIGHT).statusCode()).isEqualTo(201);
    fail(Endpoint.SESSION, "admin", 4);

    assertThat(Endpoint.SESSION.login(server, "admin", RIGHT).statusCode()).isEqualTo(201);
  }

  @Test
  void otherUserFromTheSameAddress_isNotLockedOut() throws Exception {
    String admin = server.token("admin", RIGHT);
    assertThat(server.send("POST", "/api/accounts", admin, "application/json",
        "{\"username\":\"ada\",\"password\":\"ada-password\",\"role\":\"filmmaker\"}").statusCode())
        .isEqualTo(201);
    fail(Endpoint.SESSION, "admin", 5);

    assertThat(Endpoint.SESSION.login(server, "ada", "ada-password").statusCode()).isEqualTo(201);
    assertThat(Endpoint.SESSION.login(server, "admin", RIGHT).statusCode()).isEqualTo(429);
    assertThat(server.get("/api/me", admin).statusCode())
        .as("an existing token keeps working during a lock-out").isEqualTo(200);
  }

  @Test
  void sprayingManyUsernamesFromOneAddress_locksTheAddress_forAFixedTime() throws Exception {
    for (int i = 0; i < 30; i++) {
      assertThat(Endpoint.SESSION.login(server, "user" + i, "x").statusCode()).isEqualTo(401);
    }

    assertThat(Endpoint.SESSION.login(server, "admin", RIGHT).statusCode()).isEqualTo(429);
    // Refused attempts do not count, so hammering cannot extend the lock-out.
    for (int i = 0; i < 20; i++) {
      Endpoint.TOKENS.login(server, "admin", "x");
    }
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(Endpoint.SESSION.login(server, "admin", RIGHT).statusCode()).isEqualTo(201);
  }

  @Test
  void persistentGuessing_lockOutsDoubleToA15MinuteCap_andStayThere() throws Exception {
    fail(Endpoint.TOKENS, "admin", 5);
    java.util.List<Long> waits = new java.util.ArrayList<>();
    for (int round = 0; round < 7; round++) {
      HttpResponse<String> locked = Endpoint.TOKENS.login(server, "admin", RIGHT);
      assertThat(locked.statusCode()).isEqualTo(429);
      long wait = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
      waits.add(wait);
      clock.advance(Duration.ofSeconds(wait + 1));
      assertThat(Endpoint.TOKENS.login(server, "admin", "guess-" + round).statusCode()).isEqualTo(401);
    }
    assertThat(waits).containsExactly(60L, 120L, 240L, 480L, 900L, 900L, 900L);
  }

  private void fail(Endpoint endpoint, String user, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      assertThat(endpoint.login(server, user, "wrong-" + i).statusCode()).isIn(401, 429);
    }
  }
}
