package org.screenroom.server.screener;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import org.screenroom.server.http.Failures;
import org.screenroom.server.stream.PlayRequest;
import org.screenroom.server.stream.PlaybackPath;
import org.screenroom.server.stream.TokenCheck;
import org.screenroom.server.stream.TokenSigner;

/**
 * Runs before the segment handler on {@code /play/...}: a genuine token issued to a screener
 * ({@code s-PASS-SESSION}) is checked against the pass's in-memory state (window, revocation,
 * limits) on every request. Other tokens, and tokens that are not genuine, pass through to the
 * segment handler, which answers them as before. No JDBC here: the state comes from
 * {@link PassCache}.
 */
public final class ScreenerGate {
  private final TokenSigner signer;
  private final PassCache passes;
  private final Clock clock;

  /** Creates the gate. */
  public ScreenerGate(TokenSigner signer, PassCache passes, Clock clock) {
    this.signer = signer;
    this.passes = passes;
    this.clock = clock;
  }

  /** The route handler. */
  public void handle(RoutingContext ctx) {
    // Parsed and checked once for the whole route: the segment handler reuses the verdict.
    PlayRequest play = PlayRequest.of(ctx, signer);
    Optional<PlaybackPath> path = play.path();
    if (path.isEmpty() || !path.get().token().contains(".s-") || play.check() != TokenCheck.VALID) {
      ctx.next();
      return;
    }
    String viewer = TokenSigner.decode(path.get().token(), path.get().filmId()).viewer();
    Optional<ScreenerViewer> screener = ScreenerViewer.parse(viewer);
    if (screener.isEmpty()) {
      ctx.next();
      return;
    }
    passes.get(screener.get().passId(), ctx.vertx().getOrCreateContext()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Optional<PassRefusal> refusal = ar.result()
          .map(state -> PassPolicy.segment(state, screener.get().sessionId(), clock.instant()))
          .orElse(Optional.of(PassRefusal.REVOKED));
      if (refusal.isEmpty()) {
        ctx.next();
        return;
      }
      ctx.response().putHeader("Access-Control-Allow-Origin", "*");
      Failures.send(ctx, refusal.get().status(), new JsonObject()
          .put("error", refusal.get().sentence()).put("reason", refusal.get().reason()));
    });
  }
}
