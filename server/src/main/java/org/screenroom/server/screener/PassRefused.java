package org.screenroom.server.screener;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.screenroom.server.http.Failures;

/** A screener request refused by the pass's rules; answered with its status, sentence and reason. */
final class PassRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient PassRefusal refusal;

  PassRefused(PassRefusal refusal) {
    super(refusal.sentence(), null, false, false);
    this.refusal = refusal;
  }

  /** Answers {@code {"error", "reason"}} with the refusal's status. */
  void send(RoutingContext ctx) {
    Failures.send(ctx, refusal.status(), new JsonObject().put("error", refusal.sentence())
        .put("reason", refusal.reason()));
  }
}
