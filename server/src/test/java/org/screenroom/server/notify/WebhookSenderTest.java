package org.screenroom.server.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.account.PasswordHasher;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.festival.Festival;
import org.screenroom.catalog.festival.FestivalFields;
import org.screenroom.catalog.festival.FestivalStore;
import org.screenroom.catalog.festival.WebhookDelivery;
import org.screenroom.catalog.festival.WebhookDeliveryStore;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.MutableClock;

/**
 * Webhooks against a real HTTP server (WireMock standing in for the festival's receiver): a 500
 * then a 200 is retried after the backoff's delay, a receiver that does not answer in time is
 * retried, the signature verifies with the secret, and every attempt lands in the delivery log.
 * The scheduler is injected: it records the delays and runs retries at once.
 */
class WebhookSenderTest {
  private static final String SECRET = "festival-secret";
  @TempDir Path dir;
  private WireMockServer receiver;
  private WebhookDeliveryStore log;
  private Festival festival;
  private final List<Duration> delays = new CopyOnWriteArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));

  @BeforeEach
  void start() {
    receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    receiver.start();
    Database db = Database.open(dir.resolve("catalog.db"));
    String owner = new AccountStore(db, clock, new PasswordHasher())
        .create("festival", "festival-password", Role.FILMMAKER).id();
    festival = new FestivalStore(db, clock).create(owner, new FestivalFields("Jury", null, null,
        null, receiver.baseUrl() + "/hook", SECRET));
    log = new WebhookDeliveryStore(db, clock);
  }

  @AfterEach
  void stop() {
    receiver.stop();
  }

  private WebhookSender sender(Duration timeout, int attempts) {
    return new WebhookSender(log, Runnable::run, WebhookSender.jdkTransport(),
        (delay, task) -> {
          delays.add(delay);
          task.run();
        }, clock, new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), attempts), timeout);
  }

  private WebhookDelivery settled() {
    return Await.until(Duration.ofSeconds(20), "the delivery to settle", () -> {
      List<WebhookDelivery> all = log.list(festival.id(), 10);
      return all.isEmpty() || "pending".equals(all.get(0).status()) ? Optional.empty()
          : Optional.of(all.get(0));
    });
  }

  @Test
  void a500ThenA200_isRetriedOnceAfterTheBackoffDelay_andLogged() {
    receiver.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
    receiver.stubFor(post(urlEqualTo("/hook")).inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(aResponse().withStatus(200)));
    sender(Duration.ofSeconds(5), 6).notify(festival, "screener.revoked",
        new JsonObject().put("screenerId", "pass00000001"));
    WebhookDelivery d = settled();
    assertThat(d.status()).isEqualTo("delivered");
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(d.lastCode()).isEqualTo(200);
    assertThat(delays).containsExactly(Duration.ofSeconds(30));
    receiver.verify(2, postRequestedFor(urlEqualTo("/hook"))
        .withHeader("X-Screenroom-Event", equalTo("screener.revoked"))
        .withHeader("X-Screenroom-Delivery", equalTo(d.id())));
  }

  @Test
  void aReceiverThatDoesNotAnswerInTime_isRetried() {
    receiver.stubFor(post(urlEqualTo("/hook")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withFixedDelay(3000)).willSetStateTo("fast"));
    receiver.stubFor(post(urlEqualTo("/hook")).inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(aResponse().withStatus(204)));
    sender(Duration.ofMillis(500), 3).notify(festival, "screener.opened", new JsonObject());
    WebhookDelivery d = settled();
    assertThat(d.status()).isEqualTo("delivered");
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(delays).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void aReceiverThatKeepsFailing_isGivenUpAfterTheLastAttempt_withTheReasonLogged() {
    receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(503)));
    sender(Duration.ofSeconds(5), 3).notify(festival, "screener.completed", new JsonObject());
    WebhookDelivery d = settled();
    assertThat(d.status()).isEqualTo("failed");
    assertThat(d.attempts()).isEqualTo(3);
    assertThat(d.lastError()).isEqualTo("answered 503");
    assertThat(delays).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  @Test
  void theSignature_verifiesWithTheSecretOverTimestampAndBody() {
    receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    sender(Duration.ofSeconds(5), 1).notify(festival, "screener.limit_reached",
        new JsonObject().put("reason", "plays_used_up"));
    settled();
    LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
    String body = request.getBodyAsString();
    long timestamp = Long.parseLong(request.getHeader("X-Screenroom-Timestamp"));
    assertThat(timestamp).isEqualTo(clock.instant().getEpochSecond());
    assertThat(request.getHeader("X-Screenroom-Signature"))
        .isEqualTo(WebhookSignature.sign(SECRET, timestamp, body))
        .isNotEqualTo(WebhookSignature.sign("another-secret", timestamp, body))
        .isNotEqualTo(WebhookSignature.sign(SECRET, timestamp, body + " "));
    JsonObject payload = new JsonObject(body);
    assertThat(payload.getString("event")).isEqualTo("screener.limit_reached");
    assertThat(payload.getString("festivalId")).isEqualTo(festival.id());
    assertThat(payload.getJsonObject("data").getString("reason")).isEqualTo("plays_used_up");
  }

  @ParameterizedTest(name = "after attempt {0}: {1} s")
  @CsvSource({"1, 30", "2, 60", "3, 120", "5, 480", "6, 600", "40, 600"})
  void backoff_doublesUpToItsCap(int attempt, long seconds) {
    assertThat(Backoff.DEFAULT.delayAfter(attempt)).isEqualTo(Duration.ofSeconds(seconds));
    assertThat(Backoff.DEFAULT.retriesAfter(5)).isTrue();
    assertThat(Backoff.DEFAULT.retriesAfter(6)).isFalse();
  }
}
