package org.screenroom.server.stream;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.screenroom.server.http.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment hot path: {@code GET|HEAD /play/TOKEN/FILM/FILE}. The path is parsed by a pure
 * parser, the token checked with HMAC in memory, the film's package found in an in-memory cache,
 * and the file sent with zero-copy {@code sendFile}. No JDBC on this path.
 */
public final class SegmentHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentHandler.class);
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  // Manifests are tiny and may be re-packaged (subtitles added): keep their life short.
  private static final String SHORT = "public, max-age=10";

  private final TokenSigner signer;
  private final FilmAccessCache access;

  /** Creates the handler. */
  public SegmentHandler(TokenSigner signer, FilmAccessCache access) {
    this.signer = signer;
    this.access = access;
  }

  /** Serves one package file. */
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.putHeader("Access-Control-Allow-Origin", "*");
    Optional<PlaybackPath> parsed = PlaybackPath.parse(ctx.request().path());
    if (parsed.isEmpty()) {
      error(ctx, 404, "Nothing here: check the address.");
      return;
    }
    PlaybackPath path = parsed.get();
    TokenCheck check = signer.check(path.token(), path.filmId());
    if (check != TokenCheck.VALID) {
      error(ctx, check.status(), check == TokenCheck.EXPIRED
          ? "This playback link has expired: reload the page to get a new one."
          : "This playback link is not valid: reload the page to get a new one.");
      return;
    }
    access.get(path.filmId(), ctx.vertx().getOrCreateContext()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().filter(FilmAccess::playable).isEmpty()) {
        error(ctx, 404, "This film is not available.");
      } else {
        send(ctx, path, ar.result().get());
      }
    });
  }

  private void send(RoutingContext ctx, PlaybackPath path, FilmAccess film) {
    HttpServerResponse response = ctx.response();
    response.putHeader(HttpHeaders.CONTENT_TYPE, path.contentType())
        .putHeader(HttpHeaders.CACHE_CONTROL, path.isManifest() ? SHORT : IMMUTABLE);
    String file = film.packageDir().resolve(path.file()).toString();
    // For HEAD, Vert.x answers the length and writes no body.
    response.sendFile(file).onFailure(e -> missing(ctx, e));
  }

  private static void missing(RoutingContext ctx, Throwable e) {
    if (ctx.response().headWritten()) {
      LOG.debug("sending {} failed mid-way: {}", ctx.request().path(), e.toString());
      ctx.response().reset();
      return;
    }
    error(ctx, 404, "Nothing here: check the address.");
  }

  private static void error(RoutingContext ctx, int status, String sentence) {
    ctx.response().headers().remove(HttpHeaders.CACHE_CONTROL);
    Failures.send(ctx, status, new JsonObject().put("error", sentence));
  }
}
