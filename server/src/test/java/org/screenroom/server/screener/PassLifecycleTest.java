package org.screenroom.server.screener;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.screenroom.server.testing.Festivals;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/**
 * A screener pass's life as a table, on a real server with an injected clock: each state is
 * enforced when the playback URL is issued and again on segment requests of a URL issued while
 * the pass still allowed it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassLifecycleTest {
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
  private TestServer server;
  private String admin;
  private String filmId;
  private Festivals as;
  private String festivalId;

  /** A state, the status when issuing in it, and the status of a segment request once in it. */
  enum State {
    BEFORE_OPENING(403, "not_yet_open", 403),
    INSIDE(200, null, 200),
    EXPIRED(410, "expired", 410),
    REVOKED(410, "revoked", 410),
    PLAYS_USED_UP(403, "plays_used_up", 403),
    TOO_MANY_DEVICES(403, "too_many_devices", 403);

    final int issueStatus;
    final String reason;
    final int segmentStatus;

    State(int issueStatus, String reason, int segmentStatus) {
      this.issueStatus = issueStatus;
      this.reason = reason;
      this.segmentStatus = segmentStatus;
    }
  }

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), clock);
    admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    filmId = Festivals.readyFilm(server, work, "admin", 2);
    as = new Festivals(server, admin);
    festivalId = as.festival("Lifecycle");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void issuing_isRefusedOutsideThePassRules(State state) throws Exception {
    Instant now = clock.instant();
    JsonObject limits = switch (state) {
      case BEFORE_OPENING -> new JsonObject().put("opensAt", now.plus(Duration.ofHours(1)).toString());
      case PLAYS_USED_UP -> new JsonObject().put("maxPlays", 1);
      case TOO_MANY_DEVICES -> new JsonObject().put("maxDevices", 1);
      default -> new JsonObject();
    };
    JsonObject pass = as.pass(festivalId, filmId, now.plus(Duration.ofHours(2)), limits);
    String code = pass.getString("code");
    String device = "device-" + state.name().toLowerCase().replace('_', '-');
    switch (state) {
      case EXPIRED -> clock.advance(Duration.ofHours(3));
      case REVOKED -> revoke(pass);
      case PLAYS_USED_UP -> {
        // The one play, ended: coming back is a new play, not a resume.
        String session = session(as.play(code, filmId, device));
        as.events(session, new JsonArray().add(new JsonObject().put("type", "end").put("position", 2)));
      }
      case TOO_MANY_DEVICES -> as.play(code, filmId, "device-first");
      default -> { }
    }
    HttpResponse<String> r = as.play(code, filmId, device);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(state.issueStatus);
    if (state.reason != null) {
      assertThat(new JsonObject(r.body()).getString("reason")).isEqualTo(state.reason);
    } else {
      assertThat(new JsonObject(r.body()).getString("hls")).contains("/play/");
    }
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void segments_stopOnceThePassNoLongerAllowsThem(State state) throws Exception {
    Instant now = clock.instant();
    JsonObject limits = switch (state) {
      case PLAYS_USED_UP, TOO_MANY_DEVICES -> new JsonObject().put("maxPlays", 2).put("maxDevices", 2);
      default -> new JsonObject();
    };
    JsonObject pass = as.pass(festivalId, filmId, now.plus(Duration.ofHours(2)), limits);
    String code = pass.getString("code");
    if (state == State.PLAYS_USED_UP || state == State.TOO_MANY_DEVICES) {
      as.play(code, filmId, "device-earlier");
    }
    JsonObject playback = new JsonObject(as.play(code, filmId, "device-later").body());
    String hls = playback.getString("hls");
    assertThat(server.get(hls, null).statusCode()).isEqualTo(200);
    switch (state) {
      case BEFORE_OPENING -> patch(pass, new JsonObject()
          .put("opensAt", clock.instant().plus(Duration.ofMinutes(30)).toString()));
      case EXPIRED -> clock.advance(Duration.ofHours(3));
      case REVOKED -> revoke(pass);
      case PLAYS_USED_UP -> patch(pass, new JsonObject().put("maxPlays", 1));
      case TOO_MANY_DEVICES -> patch(pass, new JsonObject().put("maxDevices", 1));
      default -> { }
    }
    HttpResponse<String> segment = server.get(hls, null);
    assertThat(segment.statusCode()).as(segment.body()).isEqualTo(state.segmentStatus);
    if (state.segmentStatus != 200) {
      assertThat(new JsonObject(segment.body()).getString("error")).isNotBlank();
    }
  }

  private static String session(HttpResponse<String> r) {
    return new JsonObject(r.body()).getString("session");
  }

  private void revoke(JsonObject pass) throws Exception {
    assertThat(server.send("DELETE", "/api/screeners/" + pass.getString("id"), admin, null, "")
        .statusCode()).isEqualTo(200);
  }

  private void patch(JsonObject pass, JsonObject body) throws Exception {
    HttpResponse<String> r = server.send("PATCH", "/api/screeners/" + pass.getString("id"), admin,
        "application/json", body.encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
