package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

/** The JSON API over real HTTP: tokens, accounts, films, visibility and bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private TestServer server;
  private String admin;
  private String ada;
  private String bob;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), clock);
    admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    for (String name : List.of("ada", "bob")) {
      HttpResponse<String> r = server.send("POST", "/api/accounts", admin, "application/json",
          new JsonObject().put("username", name).put("password", name + "-password")
              .put("role", "filmmaker").encode());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    ada = server.token("ada", "ada-password");
    bob = server.token("bob", "bob-password");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "wrong password, admin, nope",
      "unknown user, nobody, whatever",
  })
  void tokens_wrongCredentials_are401(String label, String user, String password) throws Exception {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/tokens"))
        .header("Authorization", TestServer.basic(user, password))
        .POST(HttpRequest.BodyPublishers.noBody()).build());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(new JsonObject(r.body()).getString("error")).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer sr_forged", "Bearer ", "Basic YWRtaW46eA==", "Token abc"})
  void api_forgedOrMalformedAuthorization_is401(String header) throws Exception {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/films"))
        .header("Authorization", header).GET().build());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at org.");
  }

  @Test
  void films_createReadPatch_andOwnershipIsolation() throws Exception {
    JsonObject body = new JsonObject().put("title", "Cléo from 5 to 7").put("year", 1962)
        .put("logline", "'; DROP TABLE films; --").put("synopsis", "<script>alert(1)</script>")
        .put("credits", new io.vertx.core.json.JsonArray().add(
            new JsonObject().put("role", "director").put("name", "Agnès Varda")));
    HttpResponse<String> created = server.send("POST", "/api/films", ada, "application/json", body.encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject film = new JsonObject(created.body());
    String id = film.getString("id");
    assertThat(created.headers().firstValue("Location")).contains("/api/films/" + id);
    assertThat(film.getString("status")).isEqualTo("draft");
    assertThat(film.getString("visibility")).isEqualTo("draft");
    assertThat(film.getString("logline")).isEqualTo("'; DROP TABLE films; --");
    assertThat(film.getString("synopsis")).isEqualTo("<script>alert(1)</script>");

    assertThat(server.get("/api/films/" + id, ada).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/films/" + id, bob).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/films/" + id, null).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/films/" + id, admin).statusCode()).isEqualTo(200);
    assertThat(server.send("PATCH", "/api/films/" + id, bob, "application/json",
        "{\"title\":\"stolen\"}").statusCode()).isEqualTo(404);

    HttpResponse<String> patched = server.send("PATCH", "/api/films/" + id, ada, "application/json",
        "{\"visibility\":\"unlisted\",\"genres\":[\"drama\"]}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(new JsonObject(patched.body()).getString("title")).isEqualTo("Cléo from 5 to 7");
    assertThat(new JsonObject(patched.body()).getString("visibility")).isEqualTo("unlisted");
    assertThat(server.get("/api/films/" + id, null).statusCode()).isEqualTo(200);

    List<Object> bobsList = new JsonObject(server.get("/api/films", bob).body()).getJsonArray("items").getList();
    assertThat(bobsList).isEmpty();
    HttpResponse<String> search = server.get("/api/films?q=varda", ada);
    assertThat(new JsonObject(search.body()).getJsonArray("items")).hasSize(1);
    assertThat(new JsonObject(server.get("/api/films?q=agnes&genre=drama", ada).body())
        .getJsonArray("items")).hasSize(1);
    assertThat(new JsonObject(server.get("/api/films?q=varda&genre=comedy", ada).body())
        .getJsonArray("items")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cursor=forged", "year=nineteen", "limit=0", "limit=201", "limit=x"})
  void films_badListingParameters_are400(String query) throws Exception {
    HttpResponse<String> r = server.get("/api/films?" + query, ada);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("field")).isEqualTo(query.split("=")[0]);
  }

  @Test
  void films_delete_ownerOnly_thenGone_withItsFiles() throws Exception {
    String id = new JsonObject(server.send("POST", "/api/films", ada, "application/json",
        "{\"title\":\"Short-lived\"}").body()).getString("id");
    java.nio.file.Path dir = server.app().files().filmDir(id).resolve("images");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.writeString(dir.resolve("junk.jpg"), "x");

    assertThat(server.send("DELETE", "/api/films/" + id, bob, null, "").statusCode()).isEqualTo(404);
    assertThat(server.send("DELETE", "/api/films/" + id, null, null, "").statusCode()).isEqualTo(401);
    assertThat(server.send("DELETE", "/api/films/" + id, ada, null, "").statusCode()).isEqualTo(204);
    assertThat(server.get("/api/films/" + id, ada).statusCode()).isEqualTo(404);
    assertThat(server.send("DELETE", "/api/films/" + id, ada, null, "").statusCode()).isEqualTo(404);
    assertThat(server.app().files().filmDir(id)).doesNotExist();
  }

  @Test
  void films_anonymousListing_showsOnlyPublicReadyReleasedFilms() throws Exception {
    HttpResponse<String> r = server.get("/api/films", null);
    assertThat(r.statusCode()).isEqualTo(200);
    // No film here is ready, so nothing is public to anonymous callers.
    assertThat(new JsonObject(r.body()).getJsonArray("items")).isEmpty();
  }

  @Test
  void playback_ofUnreadyFilm_is409WithProgressSentence() throws Exception {
    String id = new JsonObject(server.send("POST", "/api/films", ada, "application/json",
        "{\"title\":\"Unfinished\",\"visibility\":\"public\"}").body()).getString("id");

    HttpResponse<String> r = server.get("/api/films/" + id + "/playback", null);

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(r.body()).getString("error")).contains("still being prepared");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed JSON      | {\"title\": | 400 | ",
      "array body          | []          | 400 | ",
      "missing title       | {}          | 400 | title",
      "title not a string  | {\"title\": 7} | 400 | title",
      "bad visibility      | {\"title\":\"x\",\"visibility\":\"secret\"} | 400 | visibility",
      "bad date            | {\"title\":\"x\",\"availableFrom\":\"tomorrow\"} | 400 | availableFrom",
      "unknown field       | {\"title\":\"x\",\"colour\":\"red\"} | 400 | colour",
  })
  void films_badBodies_get400NamingTheField(String label, String body, int status, String field)
      throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/films", ada, "application/json", body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonObject error = new JsonObject(r.body());
    assertThat(error.getString("error")).isNotBlank();
    if (field != null) {
      assertThat(error.getString("field")).isEqualTo(field);
    }
  }

  @Test
  void films_oversizeBody_is413_andServerKeepsServing() throws Exception {
    String huge = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

    HttpResponse<String> r = server.send("POST", "/api/films", ada, "application/json", huge);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
  }

  @Test
  void films_anonymousCreate_is401_filmmakerCannotCreateAccounts_403() throws Exception {
    assertThat(server.send("POST", "/api/films", null, "application/json", "{\"title\":\"x\"}")
        .statusCode()).isEqualTo(401);
    assertThat(server.send("POST", "/api/accounts", ada, "application/json",
        "{\"username\":\"eve\",\"password\":\"eve-password\"}").statusCode()).isEqualTo(403);
    assertThat(server.send("POST", "/api/accounts", admin, "application/json",
        "{\"username\":\"ada\",\"password\":\"another-password\"}").statusCode()).isEqualTo(409);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/play/x/../../catalog.db",
      "/play/a.b.c.d/AAAAAAAAAAAA/%2e%2e/%2e%2e/catalog.db",
      "/play/a.b.c.d/AAAAAAAAAAAA/v0/..%5c..%5ccatalog.db",
      "/play/a.b.c.d/AAAAAAAAAAAA/master.m3u8%00.jpg",
      "/api/films/..%2f..%2fcatalog.db",
      "/assets/..%2f..%2fcatalog.db",
  })
  void hostilePaths_areRefusedWithoutLeakingFiles(String path) throws Exception {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build());

    assertThat(r.statusCode()).isIn(400, 403, 404);
    assertThat(r.body()).doesNotContain("SQLite format");
  }

  @Test
  void openApi_isServed() throws Exception {
    HttpResponse<String> r = server.get("/api/openapi.yaml", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("openapi: 3");
  }
}
