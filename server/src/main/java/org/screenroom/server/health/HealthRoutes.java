package org.screenroom.server.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.screenroom.catalog.db.Database;
import org.screenroom.server.app.ToolchainStatus;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (the catalog answers and
 * a transcoder is usable, naming which ffmpeg runs; 503 with the reason otherwise).
 */
public final class HealthRoutes {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HealthRoutes.class);
  private final Database database;
  private final ToolchainStatus toolchain;
  private final Blocking blocking;

  /** Creates the routes. */
  public HealthRoutes(Database database, ToolchainStatus toolchain, Blocking blocking) {
    this.database = database;
    this.toolchain = toolchain;
    this.blocking = blocking;
  }

  /** {@code GET /health/live}. */
  public void live(RoutingContext ctx) {
    Failures.send(ctx, 200, new JsonObject().put("status", "up"));
  }

  /** {@code GET /health/ready}. */
  public void ready(RoutingContext ctx) {
    blocking.run(() -> {
      database.ping();
      return true;
    }).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("readiness: the catalog does not answer", ar.cause());
      }
      JsonObject body = new JsonObject()
          .put("catalog", ar.succeeded() ? "ok" : "unavailable")
          .put("ffmpeg", toolchain.describe());
      String reason = ar.failed() ? "The catalog does not answer; the server log says why."
          : toolchain.problem().orElse(null);
      if (reason == null) {
        Failures.send(ctx, 200, body.put("status", "ready"));
      } else {
        Failures.send(ctx, 503, body.put("status", "unavailable").put("error", reason));
      }
    });
  }
}
