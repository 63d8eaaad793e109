package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.TestServer;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.process.CancelSignal;

/** Grants of a private, ready film over real HTTP: a granted account sees and plays it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantRoutesTest {
  @TempDir static Path work;
  private TestServer server;
  private String ada;
  private String bob;
  private String cy;
  private String filmId;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), Clock.systemUTC());
    String adaId = server.app().accounts().create("ada", "ada-password", Role.FILMMAKER).id();
    server.app().accounts().create("bob", "bob-password", Role.FILMMAKER);
    server.app().accounts().create("cy", "cy-password-x", Role.FILMMAKER);
    ada = server.token("ada", "ada-password");
    bob = server.token("bob", "bob-password");
    cy = server.token("cy", "cy-password-x");
    Path clip = Media.clip(work.resolve("clip.mp4"), 2, 320, 180, true);
    filmId = server.app().films().create(adaId, FilmMetadata.titled("Private cut", Visibility.PRIVATE)).id();
    var ingestor = server.app().ingestor();
    ingestor.storeMaster(filmId, clip, "clip.mp4");
    var film = ingestor.transcode(filmId, ProgressListener.NONE, new CancelSignal());
    assertThat(film.status().wire()).as(String.valueOf(film.error())).isEqualTo("ready");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void grantedFilmmaker_seesAndPlaysThePrivateFilm_untilRevoked() throws Exception {
    assertThat(server.get("/api/films/" + filmId, bob).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/films/" + filmId + "/playback", bob).statusCode()).isEqualTo(404);

    HttpResponse<String> granted = server.send("POST", "/api/films/" + filmId + "/grants", ada,
        "application/json", "{\"username\":\"bob\"}");
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
    assertThat(new JsonObject(granted.body()).getString("username")).isEqualTo("bob");

    assertThat(server.get("/api/films/" + filmId, bob).statusCode()).isEqualTo(200);
    HttpResponse<String> playback = server.get("/api/films/" + filmId + "/playback", bob);
    assertThat(playback.statusCode()).as(playback.body()).isEqualTo(200);
    String hls = new JsonObject(playback.body()).getString("hls");
    assertThat(server.get(hls, null).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/films/" + filmId, cy).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/films/" + filmId, null).statusCode()).isEqualTo(404);

    assertThat(server.send("DELETE", "/api/films/" + filmId + "/grants/bob", ada, null, "")
        .statusCode()).isEqualTo(204);
    assertThat(server.get("/api/films/" + filmId + "/playback", bob).statusCode()).isEqualTo(404);
    assertThat(server.send("DELETE", "/api/films/" + filmId + "/grants/bob", ada, null, "")
        .statusCode()).isEqualTo(404);
  }

  @Test
  void grants_areTheOwnersToManage() throws Exception {
    String filmId = new JsonObject(server.send("POST", "/api/films", ada, "application/json",
        "{\"title\":\"Another\",\"visibility\":\"private\"}").body()).getString("id");
    server.send("POST", "/api/films/" + filmId + "/grants", ada, "application/json",
        "{\"username\":\"cy\"}");

    HttpResponse<String> list = server.get("/api/films/" + filmId + "/grants", ada);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(list.body()).getJsonArray("items").stream()
        .map(g -> ((JsonObject) g).getString("username")).toList()).contains("cy");
    // cy may watch but not manage grants; bob and anonymous callers learn nothing.
    assertThat(server.get("/api/films/" + filmId + "/grants", cy).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/films/" + filmId + "/grants", bob).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/films/" + filmId + "/grants", null).statusCode()).isEqualTo(401);
    assertThat(server.send("POST", "/api/films/" + filmId + "/grants", cy, "application/json",
        "{\"username\":\"bob\"}").statusCode()).isEqualTo(404);
    HttpResponse<String> unknown = server.send("POST", "/api/films/" + filmId + "/grants", ada,
        "application/json", "{\"username\":\"nobody\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(unknown.body()).getString("field")).isEqualTo("username");
    assertThat(server.send("POST", "/api/films/" + filmId + "/grants", ada, "application/json",
        "{}").statusCode()).isEqualTo(400);
  }
}
