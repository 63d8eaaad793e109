package org.screenroom.server.health;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.screenroom.catalog.db.Database;
import org.screenroom.server.app.ToolchainStatus;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;
import org.screenroom.server.storage.StorageHealth;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (the catalog answers, a
 * transcoder is usable, naming which ffmpeg runs, and the storage answers, a bucket asked at most
 * once per {@link StorageHealth#TTL}; 503 with the reason otherwise).
 */
public final class HealthRoutes {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HealthRoutes.class);
  private final Database database;
  private final ToolchainStatus toolchain;
  private final Blocking blocking;
  private final Optional<StorageHealth> storage;

  /** Creates the routes, without a storage check. */
  public HealthRoutes(Database database, ToolchainStatus toolchain, Blocking blocking) {
    this(database, toolchain, blocking, Optional.empty());
  }

  /** Creates the routes; {@code storage} is checked too when present. */
  public HealthRoutes(Database database, ToolchainStatus toolchain, Blocking blocking,
      Optional<StorageHealth> storage) {
    this.database = database;
    this.toolchain = toolchain;
    this.blocking = blocking;
    this.storage = storage;
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
    }).compose(ok -> storage.isEmpty() ? Future.succeededFuture(Optional.<StorageHealth.State>empty())
        // The bucket is asked on a worker too (a network call, up to a few seconds).
        : blocking.run(() -> Optional.of(storage.get().check())))
        .onComplete(ar -> answer(ctx, ar));
  }

  private void answer(RoutingContext ctx, AsyncResult<Optional<StorageHealth.State>> ar) {
    if (ar.failed()) {
      LOG.warn("readiness: the catalog does not answer", ar.cause());
    }
    JsonObject body = new JsonObject()
        .put("catalog", ar.succeeded() ? "ok" : "unavailable")
        .put("ffmpeg", toolchain.describe());
    Optional<StorageHealth.State> state = ar.succeeded() ? ar.result() : Optional.empty();
    state.ifPresent(s -> body.put("storage", new JsonObject().put("kind", s.kind())
        .put("status", s.ok() ? "ok" : "unavailable")
        .put("checkedAt", s.checkedAt().toString())));
    String reason = ar.failed() ? "The catalog does not answer; the server log says why."
        : state.filter(s -> !s.ok())
            .map(s -> "The " + s.kind() + " storage does not answer; the server log says why.")
            .orElse(toolchain.problem().orElse(null));
    if (reason == null) {
      Failures.send(ctx, 200, body.put("status", "ready"));
    } else {
      Failures.send(ctx, 503, body.put("status", "unavailable").put("error", reason));
    }
  }
}
