package org.screenroom.server.notify;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.screenroom.catalog.festival.Festival;
import org.screenroom.catalog.festival.WebhookDeliveryStore;
import org.screenroom.server.screener.ScreenerNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs screener events to a festival's webhook URL, signed with HMAC-SHA256, retried with
 * exponential backoff on a non-2xx answer, a network failure or a timeout; every attempt is
 * written to the delivery log. The HTTP call is asynchronous; log writes run on {@code logWriter}
 * (a worker), and retries wait on the injected {@link Scheduler}, so tests run them at once.
 */
public final class WebhookSender implements ScreenerNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  /** Runs a task after a delay (Vert.x timers in the server; at once in tests). */
  @FunctionalInterface
  public interface Scheduler {
    /** Runs {@code task} after {@code delay}. */
    void schedule(Duration delay, Runnable task);
  }

  /** Sends one POST and answers its status; fails on a network error or timeout. */
  @FunctionalInterface
  public interface Transport {
    /** POSTs {@code body} as JSON with {@code headers}. */
    CompletableFuture<Integer> post(String url, Map<String, String> headers, String body,
        Duration timeout);
  }

  private final WebhookDeliveryStore log;
  private final Executor logWriter;
  private final Transport transport;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Backoff backoff;
  private final Duration timeout;

  /** Creates the sender. */
  public WebhookSender(WebhookDeliveryStore log, Executor logWriter, Transport transport,
      Scheduler scheduler, Clock clock, Backoff backoff, Duration timeout) {
    this.log = log;
    this.logWriter = logWriter;
    this.transport = transport;
    this.scheduler = scheduler;
    this.clock = clock;
    this.backoff = backoff;
    this.timeout = timeout;
  }

  /** A transport over the JDK's HTTP client (no redirects followed: a webhook answers itself). */
  public static Transport jdkTransport() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    return (url, headers, body, timeout) -> {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
          .POST(HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(b::header);
      return client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
          .thenApply(HttpResponse::statusCode);
    };
  }

  @Override
  public void notify(Festival festival, String event, JsonObject data) {
    if (festival.webhookUrl() == null) {
      return;
    }
    String at = clock.instant().toString();
    logWriter.execute(() -> {
      String id = log.create(festival.id(), event, festival.webhookUrl(), "{}");
      String body = new JsonObject().put("id", id).put("event", event)
          .put("festivalId", festival.id()).put("at", at).put("data", data).encode();
      attempt(new Delivery(id, festival.webhookUrl(), festival.webhookSecret(), event, body), 1);
    });
  }

  private record Delivery(String id, String url, String secret, String event, String body) {}

  private void attempt(Delivery d, int attempt) {
    long timestamp = clock.instant().getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", "Screenroom-Webhooks/1");
    headers.put("X-Screenroom-Event", d.event());
    headers.put("X-Screenroom-Delivery", d.id());
    headers.put("X-Screenroom-Timestamp", Long.toString(timestamp));
    if (d.secret() != null) {
      headers.put("X-Screenroom-Signature", WebhookSignature.sign(d.secret(), timestamp, d.body()));
    }
    CompletableFuture<Integer> sent;
    try {
      sent = transport.post(d.url(), headers, d.body(), timeout);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((status, error) -> logWriter.execute(() -> settle(d, attempt, status, error)));
  }

  private void settle(Delivery d, int attempt, Integer status, Throwable error) {
    boolean ok = error == null && status != null && status >= 200 && status < 300;
    String problem = ok ? null : error != null ? describe(error) : "answered " + status;
    if (ok) {
      log.record(d.id(), attempt, "delivered", status, null);
      return;
    }
    if (backoff.retriesAfter(attempt)) {
      log.record(d.id(), attempt, "pending", status, problem);
      scheduler.schedule(backoff.delayAfter(attempt), () -> attempt(d, attempt + 1));
    } else {
      log.record(d.id(), attempt, "failed", status, problem);
      LOG.warn("webhook {} to {} failed after {} attempts: {}", d.event(), d.url(), attempt, problem);
    }
  }

  private static String describe(Throwable error) {
    Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (e instanceof HttpTimeoutException) {
      return "no answer within the timeout";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
