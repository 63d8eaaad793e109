package org.screenroom.server.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * A browser-like sign-in for tests: the cookies of {@code POST /api/session}, kept by hand so
 * that tests can send, drop or forge each piece.
 *
 * @param secret the {@code sr_session} cookie value
 * @param csrfToken the {@code csrfToken} the server answered
 * @param login the answer to the sign-in
 */
public record WebSession(String secret, String csrfToken, HttpResponse<String> login) {
  /** Signs in through {@code POST /api/session}; fails the test unless it answers 201. */
  public static WebSession login(TestServer server, String username, String password) throws Exception {
    HttpResponse<String> r = post(server, username, password);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("login: " + r.statusCode() + " " + r.body());
    }
    String secret = setCookie(r, "sr_session").map(c -> c.split(";", 2)[0].substring("sr_session=".length()))
        .orElseThrow(() -> new IllegalStateException("no sr_session cookie"));
    return new WebSession(secret, new JsonObject(r.body()).getString("csrfToken"), r);
  }

  /** {@code POST /api/session} with a JSON body holding {@code username} and {@code password}. */
  public static HttpResponse<String> post(TestServer server, String username, String password)
      throws Exception {
    return server.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username)
            .put("password", password).encode())).build());
  }

  /** The full {@code Set-Cookie} header setting {@code name}, if any. */
  public static Optional<String> setCookie(HttpResponse<?> r, String name) {
    List<String> all = r.headers().allValues("Set-Cookie");
    return all.stream().filter(c -> c.startsWith(name + "=")).findFirst();
  }

  /** A request carrying the session cookie (and nothing else of the session). */
  public HttpRequest.Builder request(TestServer server, String method, String path, String jsonBody) {
    return cookieRequest(server, secret, method, path, jsonBody);
  }

  /** A request carrying {@code cookie} as {@code sr_session}, with a JSON body when not null. */
  public static HttpRequest.Builder cookieRequest(TestServer server, String cookie, String method,
      String path, String jsonBody) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
        .header("Cookie", "sr_session=" + cookie)
        .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (jsonBody != null) {
      b.header("Content-Type", "application/json");
    }
    return b;
  }

  /** A request carrying the session cookie and its CSRF token, as the studio sends writes. */
  public HttpRequest.Builder write(TestServer server, String method, String path, String jsonBody) {
    return request(server, method, path, jsonBody).header("X-CSRF-Token", csrfToken);
  }
}
