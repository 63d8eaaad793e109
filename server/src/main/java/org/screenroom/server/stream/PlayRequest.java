package org.screenroom.server.stream;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * A {@code /play/...} request's path, parsed once, and its token, checked once (HMAC, expiry,
 * network) against the client's address: every handler on the route (the screener gate, then
 * the segment handler) reads the same answer from the routing context instead of redoing it.
 *
 * @param path the parsed path; empty when the path is not a package file
 * @param check the token's verdict; {@link TokenCheck#MALFORMED} when there is no path
 */
public record PlayRequest(Optional<PlaybackPath> path, TokenCheck check) {
  private static final String KEY = PlayRequest.class.getName();

  /** Drops the checked request from {@code ctx}, so the next {@link #of} checks it again. */
  public static void forget(RoutingContext ctx) {
    ctx.remove(KEY);
  }

  /** The request of {@code ctx}, parsed and checked by {@code signer} on first use. */
  public static PlayRequest of(RoutingContext ctx, TokenSigner signer) {
    PlayRequest known = ctx.get(KEY);
    if (known != null) {
      return known;
    }
    Optional<PlaybackPath> path = PlaybackPath.parse(ctx.request().path());
    TokenCheck check = path.map(p -> signer.check(p.token(), p.filmId(),
        org.screenroom.server.http.ClientAddress.of(ctx))).orElse(TokenCheck.MALFORMED);
    PlayRequest request = new PlayRequest(path, check);
    ctx.put(KEY, request);
    return request;
  }
}
