package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.db.CatalogLocation;
import org.screenroom.catalog.testing.PostgresServer;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/**
 * A real server on port 0 whose catalog is a real PostgreSQL database (db-url): a film is
 * created over the API, transcoded, found by search and played, and its rows are in PostgreSQL,
 * not in a SQLite file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCatalogTest {
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.now());
  private CatalogLocation catalog;
  private TestServer server;
  private String admin;
  private String filmId;

  @BeforeAll
  void start() throws Exception {
    catalog = PostgresServer.shared().freshCatalog();
    server = TestServer.start(work.resolve("data"), clock, Map.of(
        "db-url", catalog.url(), "db-user", catalog.user().orElseThrow()));
    admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    JsonObject body = new JsonObject().put("title", "Cléo from 5 to 7").put("year", 1962)
        .put("synopsis", "A singer waits for the results of a medical test.")
        .put("credits", new JsonArray().add(
            new JsonObject().put("role", "director").put("name", "Agnès Varda")));
    HttpResponse<String> created = server.send("POST", "/api/films", admin, "application/json", body.encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    filmId = new JsonObject(created.body()).getString("id");
    Path clip = Media.clip(work.resolve("clip.mp4"), 2, 320, 240, true);
    server.app().ingestor().storeMaster(filmId, clip, "clip.mp4");
    String jobId = server.server().queue().orElseThrow().submit(filmId).id();
    Await.until(Duration.ofMinutes(2), "job " + jobId + " done", () -> Optional.of(
        new JsonObject(server.get("/api/jobs/" + jobId, admin).body()))
        .filter(j -> "done".equals(j.getString("state"))));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
      server.app().close();
    }
  }

  @Test
  void theCatalogIsPostgresql_notASqliteFile() throws Exception {
    try (Connection c = DriverManager.getConnection(catalog.url(), catalog.user().orElseThrow(), "");
        PreparedStatement s = c.prepareStatement("SELECT title, status FROM films WHERE id = ?")) {
      s.setString(1, filmId);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("title")).isEqualTo("Cléo from 5 to 7");
        assertThat(rs.getString("status")).isEqualTo("ready");
      }
    }
    assertThat(Files.exists(work.resolve("data/catalog.db"))).isFalse();
  }

  @Test
  void search_findsByPrefixIgnoringAccents_andRefusesNonMatches() throws Exception {
    for (String q : List.of("varda", "agnes", "cleo", "CLÉ", "sing", "medical%20test")) {
      HttpResponse<String> r = server.get("/api/films?q=" + q, admin);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getJsonArray("items").stream()
          .map(f -> ((JsonObject) f).getString("id")).toList()).as(q).containsExactly(filmId);
    }
    for (String q : List.of("godard", "varda%20godard", "%27%3A*%20%7C%20x")) {
      assertThat(new JsonObject(server.get("/api/films?q=" + q, admin).body())
          .getJsonArray("items")).as(q).isEmpty();
    }
  }

  @Test
  void playback_hlsFromAPostgresqlCatalog_isReadByFfprobe() throws Exception {
    HttpResponse<String> r = server.get("/api/films/" + filmId + "/playback", admin);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

    JsonObject probe = Media.probe(new JsonObject(r.body()).getString("hls"));

    assertThat(Double.parseDouble(probe.getJsonObject("format").getString("duration")))
        .isCloseTo(2.0, within(0.3));
  }
}
