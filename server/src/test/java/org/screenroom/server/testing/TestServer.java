package org.screenroom.server.testing;

import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.vertx.core.json.JsonObject;
import org.screenroom.server.Server;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.config.ConfigLoader;
import org.screenroom.server.config.ServerConfig;
import org.screenroom.server.ingest.url.UrlFetchSettings;

/** A real Screenroom server on a free loopback port over a temporary data directory. */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";
  private final Screenroom app;
  private final Server server;
  /**
   * An event-loop task longer than this is a test failure (Vert.x's default is 2 s). Not lower:
   * on a loaded 2-core machine, first-use class loading alone has taken 600 ms.
   */
  private static final long MAX_EVENT_LOOP_MILLIS = 1_000;
  private final HttpClient http = HttpClient.newHttpClient();
  private final int blockedMark;

  private TestServer(Screenroom app, Server server, int blockedMark) {
    this.app = app;
    this.server = server;
    this.blockedMark = blockedMark;
  }

  /** The configuration tests use: loopback, port 0, fast x264, the shared ffmpeg cache. */
  public static ServerConfig config(Path dataDir, Map<String, String> extra) {
    Map<String, String> flags = new HashMap<>(Map.of(
        "host", "127.0.0.1", "port", "0", "data", dataDir.toString(),
        "cache-dir", Media.CACHE.toString(), "x264-preset", "veryfast",
        "admin-password", ADMIN_PASSWORD));
    flags.putAll(extra);
    return ConfigLoader.load(flags, Map.of(), Map.of());
  }

  /** Starts a server over {@code dataDir} with {@code clock}. */
  public static TestServer start(Path dataDir, Clock clock) {
    return start(dataDir, clock, Map.of(), UrlFetchSettings.defaults());
  }

  /** Starts a server over {@code dataDir} with {@code clock} and {@code extra} flags. */
  public static TestServer start(Path dataDir, Clock clock, Map<String, String> extra) {
    return start(dataDir, clock, extra, UrlFetchSettings.defaults());
  }

  /** Starts a server with extra configuration keys and URL-ingest timeouts. */
  public static TestServer start(Path dataDir, Clock clock, Map<String, String> extra,
      UrlFetchSettings urlFetch) {
    Media.tools();
    Screenroom app = Screenroom.open(config(dataDir, extra), clock);
    BlockedThreads.mark();
    VertxOptions options = new VertxOptions()
        .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MILLIS)
        .setMaxEventLoopExecuteTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(100)
        .setBlockedThreadCheckIntervalUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
        // Log where the loop was stuck, so a failure names the blocking call.
        .setWarningExceptionTime(MAX_EVENT_LOOP_MILLIS)
        .setWarningExceptionTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
    Server server = Server.start(app, options, urlFetch).toCompletionStage()
        .toCompletableFuture().join();
    // Counted from here: start-up loads Netty's classes on the event loop once per JVM, which a
    // loaded 2-core machine can stretch past the limit; serving requests is what must not block.
    return new TestServer(app, server, BlockedThreads.mark());
  }

  public Screenroom app() {
    return app;
  }

  public Server server() {
    return server;
  }

  public String url() {
    return server.url();
  }

  /** An API token for {@code username}. */
  public String token(String username, String password) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url() + "/api/tokens"))
        .header("Authorization", basic(username, password))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("token");
  }

  public static String basic(String username, String password) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** GET with an optional bearer token. */
  public HttpResponse<String> get(String pathOrUrl, String token) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathOrUrl)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  /** A request with a JSON (or any) body. */
  public HttpResponse<String> send(String method, String path, String token, String contentType,
      String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    return http.send(request, body);
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : url() + pathOrUrl);
  }

  /** Stops the server; fails if Vert.x saw an event loop blocked while it ran. */
  @Override
  public void close() {
    server.close();
    List<String> blocked = BlockedThreads.since(blockedMark);
    if (!blocked.isEmpty()) {
      throw new AssertionError("an event loop was blocked while the server ran: " + blocked);
    }
  }
}
