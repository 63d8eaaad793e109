package org.screenroom.server.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure into a JSON error with a fitting status. Never a stack trace for the caller:
 * unexpected failures are logged with the request and answered with a neutral sentence.
 */
public final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  /** The router's failure handler. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.response().headWritten()) {
      LOG.warn("{} {} failed after the response started", ctx.request().method(), ctx.request().path(), failure);
      ctx.response().reset();
      return;
    }
    if (failure instanceof ApiError api) {
      JsonObject body = new JsonObject().put("error", api.getMessage());
      if (api.field() != null) {
        body.put("field", api.field());
      }
      if (api.retryAfterSeconds() > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(api.retryAfterSeconds()));
      }
      send(ctx, api.status(), body);
    } else if (failure instanceof DecodeException) {
      send(ctx, 400, new JsonObject().put("error", "The body is not valid JSON: send a JSON object."));
    } else if (failure == null) {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      send(ctx, status, new JsonObject().put("error", sentenceFor(status)));
    } else {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
      send(ctx, 500, new JsonObject().put("error",
          "Something went wrong on the server; it has been logged. Try again shortly."));
    }
  }

  /** A sentence for a bare status raised by Vert.x itself (e.g. 413 from the body handler). */
  static String sentenceFor(int status) {
    return switch (status) {
      case 400 -> "The request is malformed.";
      case 401 -> "Sign in first: send an API token as 'Authorization: Bearer TOKEN'.";
      case 403 -> "You are not allowed to do this.";
      case 404 -> "Nothing here: check the address.";
      case 405 -> "This method is not allowed here.";
      case 413 -> "The request body is too large.";
      case 415 -> "Send the body as application/json.";
      default -> "The request failed (" + status + ").";
    };
  }

  /** Answers {@code body} as JSON with {@code status}. */
  public static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
