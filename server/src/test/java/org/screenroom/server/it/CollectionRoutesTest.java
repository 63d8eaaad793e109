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
import org.screenroom.catalog.account.Role;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/** Collections over real HTTP: order kept, films the caller may not see left out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectionRoutesTest {
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

  private String film(String token, String title, String visibility, boolean ready) throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/films", token, "application/json",
        new JsonObject().put("title", title).put("visibility", visibility).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = new JsonObject(r.body()).getString("id");
    if (ready) {
      server.app().films().markReady(id, List.of(), Duration.ofSeconds(60));
    }
    return id;
  }

  private String collection(String token, String visibility) throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/collections", token, "application/json",
        new JsonObject().put("title", "Night films").put("description", "After dark.")
            .put("visibility", visibility).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("id");
  }

  private static List<String> titles(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("films").stream()
        .map(f -> ((JsonObject) f).getString("title")).toList();
  }

  @Test
  void collection_keepsTheOrder_andShowsAnonymousOnlyPublicReadyFilms() throws Exception {
    String a = film(ada, "A public", "public", true);
    String b = film(ada, "B draft", "draft", true);
    String c = film(ada, "C public", "public", true);
    String d = film(ada, "D unlisted", "unlisted", true);
    String e = film(ada, "E processing", "public", false);
    String id = collection(ada, "public");

    HttpResponse<String> put = server.send("PUT", "/api/collections/" + id + "/films", ada,
        "application/json", new JsonArray().add(c).add(b).add(e).add(a).add(d).encode());

    assertThat(titles(put)).containsExactly("C public", "B draft", "E processing", "A public", "D unlisted");
    assertThat(titles(server.get("/api/collections/" + id, null))).containsExactly("C public", "A public");
    assertThat(titles(server.get("/api/collections/" + id, bob))).containsExactly("C public", "A public");

    server.send("PUT", "/api/collections/" + id + "/films", ada, "application/json",
        new JsonObject().put("filmIds", new JsonArray().add(a).add(c)).encode());
    assertThat(titles(server.get("/api/collections/" + id, null))).containsExactly("A public", "C public");
  }

  @Test
  void collection_visibility_draftIsTheOwnersOnly_publicIsListed() throws Exception {
    String draft = collection(ada, "draft");
    String pub = collection(ada, "public");

    assertThat(server.get("/api/collections/" + draft, null).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/collections/" + draft, bob).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/collections/" + draft, ada).statusCode()).isEqualTo(200);
    List<String> anonymous = new JsonObject(server.get("/api/collections", null).body())
        .getJsonArray("items").stream().map(c -> ((JsonObject) c).getString("id")).toList();
    assertThat(anonymous).contains(pub).doesNotContain(draft);
    List<String> own = new JsonObject(server.get("/api/collections", ada).body())
        .getJsonArray("items").stream().map(c -> ((JsonObject) c).getString("id")).toList();
    assertThat(own).contains(pub, draft);
  }

  @Test
  void setFilms_refusesOthersUnlistedFilms_unknownIds_duplicates_andOthersCollections()
      throws Exception {
    String id = collection(ada, "public");
    String bobsUnlisted = film(bob, "Bob unlisted", "unlisted", true);
    String bobsPublic = film(bob, "Bob public", "public", true);
    String own = film(ada, "Own", "draft", false);

    for (String body : List.of(new JsonArray().add(bobsUnlisted).encode(),
        "[\"AAAAAAAAAAAA\"]", new JsonArray().add(own).add(own).encode(), "[\"../x\"]", "{}", "\"x\"")) {
      HttpResponse<String> r = server.send("PUT", "/api/collections/" + id + "/films", ada,
          "application/json", body);
      assertThat(r.statusCode()).as(body + " " + r.body()).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getString("field")).isEqualTo("filmIds");
    }
    assertThat(server.send("PUT", "/api/collections/" + id + "/films", bob, "application/json",
        new JsonArray().add(bobsPublic).encode()).statusCode()).isEqualTo(404);
    assertThat(titles(server.send("PUT", "/api/collections/" + id + "/films", ada,
        "application/json", new JsonArray().add(bobsPublic).add(own).encode())))
        .containsExactly("Bob public", "Own");
  }

  @Test
  void delete_byOwnerOnly() throws Exception {
    String id = collection(ada, "public");

    assertThat(server.send("DELETE", "/api/collections/" + id, bob, null, "").statusCode()).isEqualTo(404);
    assertThat(server.send("DELETE", "/api/collections/" + id, null, null, "").statusCode()).isEqualTo(401);
    assertThat(server.send("DELETE", "/api/collections/" + id, ada, null, "").statusCode()).isEqualTo(204);
    assertThat(server.get("/api/collections/" + id, ada).statusCode()).isEqualTo(404);
  }

  @Test
  void create_badBodies_are400NamingTheField() throws Exception {
    for (String[] c : List.of(new String[] {"{}", "title"},
        new String[] {"{\"title\":\"x\",\"visibility\":\"secret\"}", "visibility"},
        new String[] {"{\"title\":\"x\",\"description\":7}", "description"},
        new String[] {"{\"title\":\"x\",\"colour\":\"red\"}", "colour"})) {
      HttpResponse<String> r = server.send("POST", "/api/collections", ada, "application/json", c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(new JsonObject(r.body()).getString("field")).isEqualTo(c[1]);
    }
    assertThat(server.send("POST", "/api/collections", null, "application/json", "{\"title\":\"x\"}")
        .statusCode()).isEqualTo(401);
  }
}
