package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.Browser;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.TestServer;

/**
 * The player and studio in Debian's Chromium against a real server, sharing one film that is
 * uploaded through /studio (so it is transcoded once, by the real job queue): a 12 s 854x480
 * clip, which the ladder cuts into 480p and 360p, with English subtitles added afterwards.
 * Every scenario also fails on any console error; screenshots land in target/test-artifacts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlayerBrowserTest {
  private static final String CUE = "The ferry leaves at midnight.";
  @TempDir static Path work;
  private TestServer server;
  private String filmId;
  private Browser.Playback upload;
  private HttpResponse<String> subtitles;

  @BeforeAll
  void uploadOneFilmThroughTheStudio() throws Exception {
    server = TestServer.start(work.resolve("data"), Clock.systemUTC());
    Path clip = Media.clip(work.resolve("night-ferry.mp4"), 12, 854, 480, true);
    String token = server.token("admin", TestServer.ADMIN_PASSWORD);
    HttpResponse<String> created = server.send("POST", "/api/films", token, "application/json",
        new JsonObject().put("title", "Night Ferry").put("year", 2024).put("visibility", "public")
            .put("logline", "A crossing at night.").encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    filmId = new JsonObject(created.body()).getString("id");
    upload = Browser.scenario("studio-upload", List.of("--base", server.url(), "--film", filmId,
        "--username", "admin", "--password", TestServer.ADMIN_PASSWORD, "--file", clip.toString()));
    subtitles = server.send(HttpRequest.newBuilder(
            URI.create(server.url() + "/api/films/" + filmId + "/subtitles/en?label=English"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "text/vtt")
        .PUT(HttpRequest.BodyPublishers.ofString("WEBVTT\n\n00:00:00.000 --> 00:00:12.000\n" + CUE + "\n"))
        .build());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private JsonObject run(String scenario, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--base", server.url(), "--film", filmId));
    args.addAll(List.of(extra));
    Browser.Playback result = Browser.scenario(scenario, args);
    JsonObject report = result.report();
    assertThat(report.getBoolean("ok", false)).as(report.encodePrettily() + "\n" + result.stderr()).isTrue();
    assertThat(report.getJsonArray("consoleErrors").getList()).isEmpty();
    assertThat(result.exitCode()).isZero();
    return report;
  }

  @Test
  void studio_uploadShowsProgress_untilReady() {
    JsonObject report = upload.report();
    assertThat(report.getBoolean("ok", false)).as(report.encodePrettily() + "\n" + upload.stderr()).isTrue();
    assertThat(report.getString("upload")).contains("arrived whole");
    List<Object> statuses = report.getJsonArray("statuses").getList();
    assertThat(statuses).last().isEqualTo("Ready");
    assertThat(statuses).anySatisfy(s -> assertThat(s.toString()).matches("Processing: \\d+%"));
    assertThat(report.getJsonArray("consoleErrors").getList()).isEmpty();
  }

  @Test
  void watch_playsPastThreeSeconds() throws Exception {
    JsonObject report = run("play");
    assertThat(report.getDouble("currentTime")).isGreaterThan(3.0);
    assertThat(report.getString("engine")).isEqualTo("hls.js");
  }

  @Test
  void seek_landsWithinOneSecondOfItsTarget_andPlaysOn() throws Exception {
    JsonObject report = run("seek", "--target", "8");
    assertThat(report.getDouble("landed")).isCloseTo(8.0, org.assertj.core.data.Offset.offset(1.0));
    assertThat(report.getDouble("currentTime")).isGreaterThan(9.0);
  }

  @Test
  void keyboard_muteSpaceAndArrow_driveThePlayer() throws Exception {
    JsonObject report = run("keys");
    assertThat(report.getBoolean("mutedAfter")).isNotEqualTo(report.getBoolean("mutedBefore"));
    assertThat(report.getDouble("afterArrow") - report.getDouble("pausedAt"))
        .isCloseTo(5.0, org.assertj.core.data.Offset.offset(0.5));
    assertThat(report.getString("playLabel")).isEqualTo("Pause (space)");
  }

  @Test
  void quality_manualChoice_changesVideoHeight() throws Exception {
    JsonObject report = run("quality");
    assertThat(report.getJsonArray("items").getList()).contains("480p", "360p");
    assertThat(report.getInteger("videoHeight")).isEqualTo(report.getInteger("target"))
        .isNotEqualTo(report.getInteger("before"));
    assertThat(report.getString("buttonLabel")).isEqualTo("Quality: " + report.getInteger("target") + "p");
  }

  @Test
  void captions_uploadedSubtitles_showACue() throws Exception {
    assertThat(subtitles.statusCode()).as(subtitles.body()).isEqualTo(200);
    JsonObject report = run("captions");
    assertThat(report.getString("cue")).isEqualTo(CUE);
    assertThat(report.getString("pressed")).isEqualTo("true");
    // The choice is remembered across reloads: on comes back on, off stays off.
    assertThat(report.getString("rememberedCue")).isEqualTo(CUE);
    assertThat(report.getString("rememberedPressed")).isEqualTo("true");
    assertThat(report.getJsonObject("offAfterReload").getInteger("showing")).isZero();
  }

  @Test
  void studio_stillsAccessAndCollections_madeInTheUi_areInTheApi() throws Exception {
    String token = server.token("admin", TestServer.ADMIN_PASSWORD);
    HttpResponse<String> juror = server.send("POST", "/api/accounts", token, "application/json",
        new JsonObject().put("username", "juror").put("password", "juror-password")
            .put("role", "filmmaker").encode());
    assertThat(juror.statusCode()).as(juror.body()).isEqualTo(201);

    JsonObject report = run("studio-curate", "--username", "admin", "--password",
        TestServer.ADMIN_PASSWORD, "--grantee", "juror", "--collection", "Jury selection");

    assertThat(report.getInteger("frames")).isPositive();
    JsonObject film = new JsonObject(server.get("/api/films/" + filmId, token).body());
    assertThat(film.getJsonArray("stills")).hasSize(1);
    assertThat(film.getJsonObject("poster")).isNotNull();
    JsonObject grants = new JsonObject(server.get("/api/films/" + filmId + "/grants", token).body());
    assertThat(grants.getJsonArray("items").stream().map(g -> ((JsonObject) g).getString("username")))
        .containsExactly("juror");
    JsonObject collection = new JsonObject(server.get("/api/collections", token).body())
        .getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(c -> "Jury selection".equals(c.getString("title"))).findFirst().orElseThrow();
    assertThat(collection.getString("visibility")).isEqualTo("public");
    assertThat(collection.getString("description")).isEqualTo("Chosen for the jury.");
    JsonObject full = new JsonObject(server.get("/api/collections/" + collection.getString("id"), token).body());
    assertThat(full.getJsonArray("films").stream().map(f -> ((JsonObject) f).getString("id")))
        .containsExactly(filmId);
  }

  @Test
  void dash_plays() throws Exception {
    JsonObject report = run("dash");
    assertThat(report.getString("engine")).isEqualTo("dash.js");
    assertThat(report.getDouble("currentTime")).isGreaterThan(3.0);
  }

  @Test
  void embed_playsInsideAnIframeOnAnotherSite() throws Exception {
    JsonObject report = run("embed");
    assertThat(report.getString("frameUrl")).contains("/embed/" + filmId);
    assertThat(report.getDouble("currentTime")).isGreaterThan(2.0);
  }

  @Test
  void pages_catalogAndFilmPage_renderWithoutErrors() throws Exception {
    JsonObject report = run("pages");
    assertThat(report.getInteger("cards")).isGreaterThanOrEqualTo(1);
    assertThat(report.getString("title")).isEqualTo("Night Ferry");
  }
}
