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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.account.Role;
import org.screenroom.server.testing.Festivals;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/**
 * The contract's festival routes end to end over real HTTP on a real transcoded film: festival,
 * pass ({@code id, code, url}), the juror's room, playback, heartbeats into the report (JSON and
 * CSV), revocation stopping segments and heartbeats, bulk CSV creation, passcodes, ownership.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenerApiTest {
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
  private TestServer server;
  private String admin;
  private String filmId;
  private Festivals as;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), clock);
    admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    filmId = Festivals.readyFilm(server, work, "admin", 4);
    as = new Festivals(server, admin);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void contract_festivalPassRoomPlaybackReportRevoke() throws Exception {
    HttpResponse<String> created = server.send("POST", "/api/festivals", admin, "application/json",
        "{\"name\":\"Cannes Jury\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String festivalId = new JsonObject(created.body()).getString("id");
    assertThat(festivalId).isNotBlank();

    HttpResponse<String> passed = server.send("POST", "/api/festivals/" + festivalId + "/screeners",
        admin, "application/json", new JsonObject().put("jurorName", "Agnès V")
            .put("jurorEmail", "agnes@jury.example").put("filmIds", new JsonArray().add(filmId))
            .put("expiresAt", clock.instant().plus(Duration.ofDays(7)).toString())
            .put("maxPlays", 3).encode());
    assertThat(passed.statusCode()).as(passed.body()).isEqualTo(201);
    JsonObject pass = new JsonObject(passed.body());
    String code = pass.getString("code");
    assertThat(pass.getString("id")).isNotBlank();
    assertThat(code).matches("[A-Za-z0-9_-]{22,}");
    assertThat(pass.getString("url")).endsWith("/s/" + code);

    HttpResponse<String> page = server.get(pass.getString("url"), null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    assertThat(page.body()).contains("<canvas id=\"screen\"");
    assertThat(server.get("/studio/festivals", null).body()).contains("Jury report");

    JsonObject room = new JsonObject(as.room("GET", "/api/screener/" + code, "device-aaaa").body());
    assertThat(room.getString("jurorName")).isEqualTo("Agnès V");
    assertThat(room.getString("termsAcceptedAt")).isNull();
    assertThat(room.getJsonArray("films").getJsonObject(0).getString("id")).isEqualTo(filmId);

    HttpResponse<String> early = as.room("POST", "/api/screener/" + code + "/films/" + filmId
        + "/playback", "device-aaaa");
    assertThat(early.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(early.body()).getString("reason")).isEqualTo("terms_not_accepted");

    HttpResponse<String> played = as.play(code, filmId, "device-aaaa");
    assertThat(played.statusCode()).as(played.body()).isEqualTo(200);
    JsonObject playback = new JsonObject(played.body());
    assertThat(playback.fieldNames()).contains("hls", "dash", "expiresAt", "session");
    assertThat(server.get(playback.getString("hls"), null).statusCode()).isEqualTo(200);
    assertThat(new JsonObject(as.room("GET", "/api/screener/" + code, null).body())
        .getString("termsAcceptedAt")).isEqualTo(clock.instant().toString());

    String session = playback.getString("session");
    assertThat(as.events(session, new JsonArray().add(new JsonObject().put("type", "start")
        .put("position", 0).put("startupMs", 850))).statusCode()).isEqualTo(204);
    clock.advance(Duration.ofSeconds(4));
    assertThat(as.events(session, new JsonArray().add(new JsonObject().put("type", "heartbeat")
        .put("position", 3.5).put("watched", 3.5))).statusCode()).isEqualTo(204);

    HttpResponse<String> report = server.get("/api/festivals/" + festivalId + "/report", admin);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    JsonObject row = new JsonObject(report.body()).getJsonArray("items").getJsonObject(0);
    assertThat(row.getString("jurorName")).isEqualTo("Agnès V");
    assertThat(row.getString("filmId")).isEqualTo(filmId);
    assertThat(row.getInteger("plays")).isEqualTo(1);
    assertThat(row.getDouble("secondsWatched")).isEqualTo(3.5);
    assertThat(row.getDouble("furthest")).isEqualTo(3.5);
    assertThat(row.getInteger("devices")).isEqualTo(1);
    assertThat(row.getString("lastSeenAt")).isEqualTo(clock.instant().toString());
    JsonObject film = new JsonObject(report.body()).getJsonArray("films").getJsonObject(0);
    assertThat(film.getInteger("views")).isEqualTo(1);
    assertThat(film.getInteger("startupMedianMs")).isEqualTo(850);
    assertThat(film.getJsonArray("retention")).hasSize(20);

    HttpResponse<String> csv = server.get("/api/festivals/" + festivalId + "/report?format=csv", admin);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body().split("\r\n")).hasSize(2);
    assertThat(csv.body().split("\r\n")[1]).startsWith("Agnès V,agnes@jury.example,")
        .contains("," + filmId + ",1,3.5,3.5,");

    HttpResponse<String> revoked = server.send("DELETE", "/api/screeners/" + pass.getString("id"),
        admin, null, "");
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    assertThat(new JsonObject(revoked.body()).getString("revokedAt")).isNotNull();
    assertThat(server.get(playback.getString("hls"), null).statusCode()).isEqualTo(410);
    HttpResponse<String> beat = as.events(session, new JsonArray().add(new JsonObject()
        .put("type", "heartbeat").put("position", 3.6).put("watched", 0.1)));
    assertThat(beat.statusCode()).isEqualTo(410);
    assertThat(new JsonObject(beat.body()).getString("reason")).isEqualTo("revoked");
    assertThat(as.room("GET", "/api/screener/" + code, null).statusCode()).isEqualTo(410);
    assertThat(as.play(code, filmId, "device-aaaa").statusCode()).isEqualTo(410);
  }

  @Test
  void heartbeats_claimingMoreThanTheWallClock_areCappedAndPositionsPastTheEndRefused()
      throws Exception {
    String festivalId = as.festival("Caps");
    JsonObject pass = as.pass(festivalId, filmId, clock.instant().plus(Duration.ofDays(1)),
        new JsonObject());
    String session = new JsonObject(as.play(pass.getString("code"), filmId, "device-cap1").body())
        .getString("session");
    clock.advance(Duration.ofSeconds(2));
    assertThat(as.events(session, new JsonArray().add(new JsonObject().put("type", "heartbeat")
        .put("position", 3).put("watched", 3600))).statusCode()).isEqualTo(204);
    HttpResponse<String> past = as.events(session, new JsonArray().add(new JsonObject()
        .put("type", "heartbeat").put("position", 4000).put("watched", 1)));
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(past.body()).getString("field")).isEqualTo("events[0].position");
    assertThat(as.events("AAAAAAAAAAAAAAAAAAAAAA", new JsonArray().add(new JsonObject()
        .put("type", "heartbeat"))).statusCode()).isEqualTo(404);
    JsonObject row = new JsonObject(server.get("/api/festivals/" + festivalId + "/report", admin)
        .body()).getJsonArray("items").getJsonObject(0);
    // 2 s of wall clock plus 5 s of slack, however much the player claims.
    assertThat(row.getDouble("secondsWatched")).isEqualTo(7.0);
  }

  @Test
  void bulkCsv_createsEveryPassOrNone() throws Exception {
    String festivalId = as.festival("Bulk");
    server.send("POST", "/api/festivals/" + festivalId + "/films", admin, "application/json",
        new JsonObject().put("filmId", filmId).encode());
    String csv = "name,email,maxPlays\r\nAda,ada@jury.example,2\r\n\"Doe, Jo\",jo@jury.example,\r\n";
    HttpResponse<String> ok = server.send("POST", "/api/festivals/" + festivalId
        + "/screeners/bulk?expiresAt=2026-06-01T00:00:00Z", admin, "text/csv", csv);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    JsonArray items = new JsonObject(ok.body()).getJsonArray("items");
    assertThat(items).hasSize(2);
    assertThat(items.getJsonObject(1).getString("jurorName")).isEqualTo("Doe, Jo");
    assertThat(items.getJsonObject(0).getInteger("maxPlays")).isEqualTo(2);
    assertThat(items.getJsonObject(1).getJsonArray("filmIds").getString(0)).isEqualTo(filmId);

    HttpResponse<String> bad = server.send("POST", "/api/festivals/" + festivalId
        + "/screeners/bulk?expiresAt=2026-06-01T00:00:00Z", admin, "text/csv",
        "jurorName,jurorEmail\nBea,bea@jury.example\nCy,not-an-email\n");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("error")).startsWith("Line 3:");
    assertThat(new JsonObject(server.get("/api/festivals/" + festivalId + "/screeners", admin)
        .body()).getJsonArray("items")).hasSize(2);
  }

  @Test
  void passcode_isAskedBeforeAnythingIsShown() throws Exception {
    String festivalId = as.festival("Locked");
    String code = as.pass(festivalId, filmId, clock.instant().plus(Duration.ofDays(1)),
        new JsonObject().put("passcode", "open-sesame")).getString("code");
    HttpResponse<String> none = as.room("GET", "/api/screener/" + code, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(none.body()).getBoolean("passcodeRequired")).isTrue();
    assertThat(new JsonObject(none.body()).encode()).doesNotContain("films");
    var wrong = server.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(server.url() + "/api/screener/" + code))
        .header("X-Screener-Passcode", "guess").GET().build());
    assertThat(wrong.statusCode()).isEqualTo(401);
    var right = server.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(server.url() + "/api/screener/" + code))
        .header("X-Screener-Passcode", "open-sesame").GET().build());
    assertThat(right.statusCode()).isEqualTo(200);

    String locked = as.pass(festivalId, filmId, clock.instant().plus(Duration.ofDays(1)),
        new JsonObject().put("passcode", "open-sesame")).getString("code");
    for (int i = 0; i < 5; i++) {
      assertThat(server.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(server.url() + "/api/screener/" + locked))
          .header("X-Screener-Passcode", "guess-" + i).GET().build()).statusCode()).isEqualTo(401);
    }
    var throttled = server.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(server.url() + "/api/screener/" + locked))
        .header("X-Screener-Passcode", "open-sesame").GET().build());
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
  }

  @Test
  void festivals_areTheirOwnersToManage() throws Exception {
    server.app().accounts().create("bob", "bob-password", Role.FILMMAKER);
    String bob = server.token("bob", "bob-password");
    String festivalId = as.festival("Private");
    assertThat(server.get("/api/festivals/" + festivalId, bob).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/festivals/" + festivalId + "/report", bob).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/festivals/" + festivalId, null).statusCode()).isEqualTo(401);
    HttpResponse<String> foreignFilm = server.send("POST", "/api/festivals/" + new Festivals(server, bob).festival("Bob")
        + "/screeners", bob, "application/json", new JsonObject().put("jurorName", "X")
        .put("jurorEmail", "x@y.example").put("filmIds", new JsonArray().add(filmId))
        .put("expiresAt", "2026-06-01T00:00:00Z").encode());
    assertThat(foreignFilm.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(foreignFilm.body()).getString("field")).isEqualTo("filmIds");
  }

  @Test
  void audiencePlayback_carriesASession_whoseHeartbeatsReachTheFilmsFigures() throws Exception {
    HttpResponse<String> playback = server.get("/api/films/" + filmId + "/playback", admin);
    String session = new JsonObject(playback.body()).getString("session");
    assertThat(session).matches("[A-Za-z0-9_-]{22}");
    clock.advance(Duration.ofSeconds(3));
    assertThat(as.events(session, new JsonArray()
        .add(new JsonObject().put("type", "start").put("position", 0).put("startupMs", 400))
        .add(new JsonObject().put("type", "stall").put("position", 1).put("stallMs", 500))
        .add(new JsonObject().put("type", "heartbeat").put("position", 3.9).put("watched", 3.9))
        .add(new JsonObject().put("type", "end").put("position", 4)))
        .statusCode()).isEqualTo(204);
    JsonObject stats = new JsonObject(server.get("/api/films/" + filmId
        + "/analytics?viewers=audience", admin).body());
    assertThat(stats.getInteger("views")).isEqualTo(1);
    assertThat(stats.getInteger("uniqueViewers")).isEqualTo(1);
    assertThat(stats.getInteger("startupMedianMs")).isEqualTo(400);
    assertThat(stats.getDouble("stallRatio")).isEqualTo(0.1136);
    assertThat(stats.getJsonArray("retention").getDouble(19)).isEqualTo(1.0);
  }
}
