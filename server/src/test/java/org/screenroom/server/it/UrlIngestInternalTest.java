package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.TestServer;

/** With default settings, URL ingest never fetches from the server's own network (SSRF). */
class UrlIngestInternalTest {
  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:9/master.mov", "http://localhost:9/master.mov",
      "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/master.mov", "http://[::1]:9/x.mov"})
  void source_internalAddress_isRefusedWithASentence(String url) throws Exception {
    try (TestServer server = TestServer.start(work.resolve("data"), Clock.systemUTC())) {
      String token = server.token("admin", TestServer.ADMIN_PASSWORD);
      String id = new JsonObject(server.send("POST", "/api/films", token, "application/json",
          "{\"title\":\"Inside\"}").body()).getString("id");

      HttpResponse<String> r = server.send("POST", "/api/films/" + id + "/source", token,
          "application/json", new JsonObject().put("url", url).encode());
      JsonObject film = Await.until(Duration.ofSeconds(30), "the film to settle", () -> {
        JsonObject f = new JsonObject(server.get("/api/films/" + id, token).body());
        return Set.of("failed", "ready").contains(f.getString("status")) ? Optional.of(f) : Optional.empty();
      });

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      assertThat(film.getString("status")).isEqualTo("failed");
      assertThat(film.getString("error")).contains("inside the server's own network");
    }
  }
}
