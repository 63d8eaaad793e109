package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.account.Role;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/** Slugs, countries, languages, tags, runtime and trailers over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilmDetailsApiTest {
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private TestServer server;
  private String ada;
  private String bob;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), clock);
    server.app().accounts().create("ada", "ada-password", Role.FILMMAKER);
    server.app().accounts().create("bob", "bob-password", Role.FILMMAKER);
    ada = server.token("ada", "ada-password");
    bob = server.token("bob", "bob-password");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonObject create(String token, JsonObject body) throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/films", token, "application/json", body.encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body());
  }

  @Test
  void details_roundTrip_andTheSlugAddressesTheFilm() throws Exception {
    JsonObject film = create(ada, new JsonObject().put("title", "Touki Bouki").put("visibility", "unlisted")
        .put("countries", new JsonArray().add("sn")).put("languages", new JsonArray().add("wo").add("fr"))
        .put("tags", new JsonArray().add("road movie")));

    assertThat(film.getString("slug")).isEqualTo("touki-bouki");
    assertThat(film.getJsonArray("countries")).isEqualTo(new JsonArray().add("SN"));
    assertThat(film.getJsonArray("languages")).isEqualTo(new JsonArray().add("wo").add("fr"));
    assertThat(film.getJsonArray("tags")).isEqualTo(new JsonArray().add("road movie"));
    assertThat(film.getValue("runtimeSeconds")).isNull();
    assertThat(film.getValue("poster")).isNull();
    assertThat(film.getJsonArray("stills")).isEmpty();

    HttpResponse<String> bySlug = server.get("/api/films/by-slug/touki-bouki", null);
    assertThat(bySlug.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(bySlug.body()).getString("id")).isEqualTo(film.getString("id"));
    assertThat(server.get("/api/films/by-slug/nope", null).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/films/by-slug/" + "touki-bouki".toUpperCase(), null).statusCode()).isEqualTo(404);

    HttpResponse<String> renamed = server.send("PATCH", "/api/films/" + film.getString("id"), ada,
        "application/json", "{\"slug\":\"touki-bouki-1973\",\"title\":\"Touki Bouki (restored)\"}");
    assertThat(new JsonObject(renamed.body()).getString("slug")).isEqualTo("touki-bouki-1973");
    assertThat(server.get("/api/films/by-slug/touki-bouki", null).statusCode()).isEqualTo(404);
  }

  @Test
  void slug_takenByAnotherFilm_is409_onCreateAndPatch() throws Exception {
    create(ada, new JsonObject().put("title", "First").put("slug", "shared-slug"));
    JsonObject other = create(bob, new JsonObject().put("title", "Second"));

    HttpResponse<String> onCreate = server.send("POST", "/api/films", bob, "application/json",
        "{\"title\":\"x\",\"slug\":\"shared-slug\"}");
    HttpResponse<String> onPatch = server.send("PATCH", "/api/films/" + other.getString("id"), bob,
        "application/json", "{\"slug\":\"shared-slug\"}");

    assertThat(onCreate.statusCode()).isEqualTo(409);
    assertThat(onPatch.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(onPatch.body()).getString("error")).contains("shared-slug");
    assertThat(create(bob, new JsonObject().put("title", "Shared slug")).getString("slug"))
        .isEqualTo("shared-slug-2");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad country     | {\"title\":\"x\",\"countries\":[\"XX\"]}        | countries",
      "bad language    | {\"title\":\"x\",\"languages\":[\"english\"]}   | languages",
      "bad slug        | {\"title\":\"x\",\"slug\":\"Not A Slug\"}       | slug",
      "tags not a list | {\"title\":\"x\",\"tags\":\"a,b\"}               | tags",
      "bad trailer id  | {\"title\":\"x\",\"trailerFilmId\":\"../x\"}    | trailerFilmId",
      "unknown trailer | {\"title\":\"x\",\"trailerFilmId\":\"AAAAAAAAAAAA\"} | trailerFilmId"})
  void badDetails_are400NamingTheField(String label, String body, String field) throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/films", ada, "application/json", body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("field")).isEqualTo(field);
  }

  @Test
  void languageFilter_listsFilmsInThatLanguage() throws Exception {
    String basque = create(ada, new JsonObject().put("title", "Bilbo").put("languages",
        new JsonArray().add("eu-ES"))).getString("id");
    create(ada, new JsonObject().put("title", "Lisboa").put("languages", new JsonArray().add("pt")));

    List<String> ids = new JsonObject(server.get("/api/films?language=eu", ada).body())
        .getJsonArray("items").stream().map(f -> ((JsonObject) f).getString("id")).toList();
    assertThat(ids).containsExactly(basque);
    HttpResponse<String> bad = server.get("/api/films?language=not_a_tag", ada);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("language");
  }

  @Test
  void runtime_isTheMeasuredDuration_andReadOnly() throws Exception {
    String id = create(ada, new JsonObject().put("title", "Timed")).getString("id");
    server.app().films().markReady(id, List.of(), Duration.ofMillis(5_400_400));

    HttpResponse<String> r = server.send("PATCH", "/api/films/" + id, ada, "application/json",
        "{\"runtimeSeconds\": 1}");

    assertThat(new JsonObject(r.body()).getLong("runtimeSeconds")).isEqualTo(5400L);
  }

  @Test
  void trailer_isAnotherFilmOfTheSameOwner_shownOnlyWhenTheCallerMaySeeIt() throws Exception {
    String trailer = create(ada, new JsonObject().put("title", "Teaser").put("visibility", "draft"))
        .getString("id");
    String bobs = create(bob, new JsonObject().put("title", "Bob's").put("visibility", "public"))
        .getString("id");
    JsonObject main = create(ada, new JsonObject().put("title", "Feature").put("visibility", "public")
        .put("trailerFilmId", trailer));
    String id = main.getString("id");

    assertThat(main.getString("trailerFilmId")).isEqualTo(trailer);
    assertThat(main.getJsonObject("trailer").getString("title")).isEqualTo("Teaser");
    JsonObject anonymous = new JsonObject(server.get("/api/films/" + id, null).body());
    assertThat(anonymous.getValue("trailer")).isNull();
    assertThat(anonymous.getValue("trailerFilmId")).isNull();

    server.send("PATCH", "/api/films/" + trailer, ada, "application/json", "{\"visibility\":\"unlisted\"}");
    anonymous = new JsonObject(server.get("/api/films/" + id, null).body());
    assertThat(anonymous.getString("trailerFilmId")).isEqualTo(trailer);
    assertThat(anonymous.getJsonObject("trailer").getJsonObject("links").getString("watch"))
        .isEqualTo("/watch/" + trailer);

    for (String bad : List.of(bobs, id)) {
      HttpResponse<String> r = server.send("PATCH", "/api/films/" + id, ada, "application/json",
          new JsonObject().put("trailerFilmId", bad).encode());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    }
    HttpResponse<String> unlinked = server.send("PATCH", "/api/films/" + id, ada, "application/json",
        "{\"trailerFilmId\": null}");
    assertThat(new JsonObject(unlinked.body()).getValue("trailer")).isNull();
  }
}
