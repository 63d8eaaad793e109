package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.screenroom.server.testing.WebSession;

/** Listing and revoking API tokens over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenManagementTest {
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private TestServer server;
  private String admin;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), clock);
    admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    assertThat(server.send("POST", "/api/accounts", admin, "application/json",
        "{\"username\":\"ada\",\"password\":\"ada-password\",\"role\":\"filmmaker\"}").statusCode())
        .isEqualTo(201);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void tokens_listedWithoutSecrets_revokedAnswer401AtOnce() throws Exception {
    String token = issue("ada", "ada-password", "{\"label\":\"laptop ☕\"}");
    clock.advance(Duration.ofMinutes(3));
    assertThat(server.get("/api/me", token).statusCode()).isEqualTo(200);

    HttpResponse<String> listed = server.get("/api/tokens", token);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(token);
    JsonArray items = new JsonObject(listed.body()).getJsonArray("items");
    assertThat(items).hasSize(1);
    JsonObject item = items.getJsonObject(0);
    assertThat(item.getString("label")).isEqualTo("laptop ☕");
    assertThat(token).startsWith(item.getString("prefix"));
    assertThat(item.getString("prefix")).hasSize(7);
    assertThat(item.getString("createdAt")).isEqualTo("2026-06-01T12:00:00Z");
    assertThat(item.getString("lastUsedAt")).isEqualTo(clock.instant().toString());
    assertThat(item.getString("revokedAt")).isNull();

    HttpResponse<String> revoked = server.send("DELETE", "/api/tokens/" + item.getString("id"), token, null, "");
    assertThat(revoked.statusCode()).isEqualTo(204);

    HttpResponse<String> after = server.get("/api/films", token);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(after.body()).getString("error")).contains("revoked");
    String viaOther = issue("ada", "ada-password", null);
    JsonObject again = new JsonObject(server.get("/api/tokens", viaOther).body())
        .getJsonArray("items").getJsonObject(1);
    assertThat(again.getString("id")).isEqualTo(item.getString("id"));
    assertThat(again.getString("revokedAt")).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"another account's id", "AAAAAAAAAAAA", "..%2F..%2Fcatalog.db",
      "x' OR '1'='1", "toolongtobeanid"})
  void revoke_someoneElsesOrMadeUpId_is404(String label) throws Exception {
    String adminsTokenId = new JsonObject(server.get("/api/tokens", admin).body())
        .getJsonArray("items").getJsonObject(0).getString("id");
    String ada = issue("ada", "ada-password", null);
    String id = label.equals("another account's id") ? adminsTokenId
        : java.net.URLEncoder.encode(label, java.nio.charset.StandardCharsets.UTF_8);

    HttpResponse<String> r = server.send("DELETE", "/api/tokens/" + id, ada, null, "");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("Exception");
    assertThat(server.get("/api/me", admin).statusCode()).as("admin's token still works").isEqualTo(200);
  }

  @Test
  void tokens_anonymous_is401() throws Exception {
    assertThat(server.get("/api/tokens", null).statusCode()).isEqualTo(401);
    assertThat(server.send("DELETE", "/api/tokens/AAAAAAAAAAAA", null, null, "").statusCode())
        .isEqualTo(401);
  }

  @Test
  void tokens_managedFromABrowserSession_withCsrf() throws Exception {
    String token = issue("ada", "ada-password", "{\"label\":\"ci\"}");
    WebSession web = WebSession.login(server, "ada", "ada-password");
    JsonArray items = new JsonObject(server.send(web.request(server, "GET", "/api/tokens", null).build())
        .body()).getJsonArray("items");
    String id = items.stream().map(JsonObject.class::cast).filter(t -> "ci".equals(t.getString("label")))
        .findFirst().orElseThrow().getString("id");

    assertThat(server.send(web.write(server, "DELETE", "/api/tokens/" + id, null).build()).statusCode())
        .isEqualTo(204);
    assertThat(server.get("/api/me", token).statusCode()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "label a number   | {\"label\":7}                | label",
      "blank label      | {\"label\":\"  \"}            | label",
      "control chars    | {\"label\":\"a\\u0000b\"}     | label",
      "too long         | {\"label\":\"" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + "\"} | label",
      "unknown field    | {\"scope\":\"all\"}           | scope",
  })
  void issue_badLabel_is400(String name, String body, String field) throws Exception {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/tokens"))
        .header("Authorization", TestServer.basic("ada", "ada-password"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("field")).isEqualTo(field);
  }

  private String issue(String user, String password, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + "/api/tokens"))
        .header("Authorization", TestServer.basic(user, password));
    if (body == null) {
      b.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> r = server.send(b.build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("token");
  }
}
