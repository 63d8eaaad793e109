package org.screenroom.server.upload;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.screenroom.server.testing.TestServer;

/** tus spoken by hand over java.net.http, for exact statuses and headers. */
final class RawTus {
  private final TestServer server;

  RawTus(TestServer server) {
    this.server = server;
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String metadata(String filmId, String filename) {
    return "filmId " + b64(filmId) + ",filename " + b64(filename);
  }

  /** A film owned by the token's account. */
  String film(String token, String title) throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/films", token, "application/json",
        new JsonObject().put("title", title).encode());
    if (r.statusCode() != 201) {
      throw new AssertionError("film: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body()).getString("id");
  }

  HttpResponse<String> create(String token, String metadata, long length) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Upload-Length", Long.toString(length));
    headers.put("Upload-Metadata", metadata);
    return send("POST", "/api/uploads", token, headers, new byte[0]);
  }

  /** Creates an upload and answers its path ({@code /api/uploads/ID}). */
  String created(String token, String filmId, long length) throws Exception {
    HttpResponse<String> r = create(token, metadata(filmId, "film.mp4"), length);
    if (r.statusCode() != 201) {
      throw new AssertionError("create: " + r.statusCode() + " " + r.body());
    }
    return r.headers().firstValue("Location").orElseThrow();
  }

  HttpResponse<String> patch(String token, String path, long offset, byte[] body,
      Map<String, String> extra) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/offset+octet-stream");
    headers.put("Upload-Offset", Long.toString(offset));
    headers.putAll(extra);
    return send("PATCH", path, token, headers, body);
  }

  HttpResponse<String> head(String token, String path) throws Exception {
    return send("HEAD", path, token, Map.of(), null);
  }

  /** The offset the server reports for the upload. */
  long offset(String token, String path) throws Exception {
    HttpResponse<String> r = head(token, path);
    if (r.statusCode() != 200) {
      throw new AssertionError("head: " + r.statusCode());
    }
    return Long.parseLong(r.headers().firstValue("Upload-Offset").orElseThrow());
  }

  /** Any request; {@code Tus-Resumable: 1.0.0} unless {@code headers} says otherwise. */
  HttpResponse<String> send(String method, String path, String token, Map<String, String> headers,
      byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (!headers.containsKey("Tus-Resumable")) {
      b.header("Tus-Resumable", "1.0.0");
    }
    headers.forEach((k, v) -> {
      if (v != null) {
        b.header(k, v);
      }
    });
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return server.send(b.build());
  }
}
