package org.screenroom.server.screener;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.notify.WebhookSignature;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Festivals;
import org.screenroom.server.testing.TestServer;

/**
 * The server's own screener events reach the festival's webhook, signed: opened on the first
 * play, limit reached when a second device is refused, revoked; and the delivery log shows them.
 */
class ScreenerWebhookTest {
  @TempDir Path work;

  @Test
  void screenerEvents_arePostedSignedToTheFestivalsWebhook() throws Exception {
    WireMockServer receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
    receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
    try (TestServer server = TestServer.start(work.resolve("data"), Clock.systemUTC())) {
      String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
      String filmId = Festivals.readyFilm(server, work, "admin", 2);
      String festivalId = new JsonObject(server.send("POST", "/api/festivals", admin,
          "application/json", new JsonObject().put("name", "Hooked")
              .put("webhookUrl", receiver.baseUrl() + "/hook").put("webhookSecret", "s3cret")
              .encode()).body()).getString("id");
      Festivals as = new Festivals(server, admin);
      JsonObject pass = as.pass(festivalId, filmId,
          server.app().clock().instant().plus(Duration.ofDays(1)), new JsonObject().put("maxDevices", 1));
      assertThat(as.play(pass.getString("code"), filmId, "device-one").statusCode()).isEqualTo(200);
      assertThat(as.play(pass.getString("code"), filmId, "device-two").statusCode()).isEqualTo(403);
      server.send("DELETE", "/api/screeners/" + pass.getString("id"), admin, null, "");

      List<LoggedRequest> hooks = Await.until(Duration.ofSeconds(20), "three webhooks", () -> {
        List<LoggedRequest> all = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
        return all.size() >= 3 ? Optional.of(all) : Optional.empty();
      });
      assertThat(hooks).extracting(r -> r.getHeader("X-Screenroom-Event")).containsExactlyInAnyOrder(
          "screener.opened", "screener.limit_reached", "screener.revoked");
      for (LoggedRequest r : hooks) {
        long ts = Long.parseLong(r.getHeader("X-Screenroom-Timestamp"));
        assertThat(r.getHeader("X-Screenroom-Signature"))
            .isEqualTo(WebhookSignature.sign("s3cret", ts, r.getBodyAsString()));
        assertThat(new JsonObject(r.getBodyAsString()).getJsonObject("data").getString("jurorEmail"))
            .isEqualTo("agnes@jury.example");
      }
      JsonArray log = Await.until(Duration.ofSeconds(10), "the log to show three deliveries", () -> {
        JsonArray items = new JsonObject(server.get("/api/festivals/" + festivalId + "/webhooks",
            admin).body()).getJsonArray("items");
        return items.stream().filter(i -> "delivered".equals(((JsonObject) i).getString("status")))
            .count() == 3 ? Optional.of(items) : Optional.empty();
      });
      assertThat(log.getJsonObject(0).getInteger("lastCode")).isEqualTo(204);
      assertThat(new JsonObject(server.get("/api/festivals/" + festivalId, admin).body())
          .encode()).doesNotContain("s3cret");
    } finally {
      receiver.stop();
    }
  }
}
