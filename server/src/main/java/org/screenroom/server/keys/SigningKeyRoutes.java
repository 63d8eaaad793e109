package org.screenroom.server.keys;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.keys.SigningKeyStore;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/**
 * {@code /api/signing-keys}: an admin lists the playback signing keys (never their secrets) and
 * rotates them, e.g. after a suspected leak or on a calendar.
 */
public final class SigningKeyRoutes {
  private final SigningKeyStore store;
  private final KeyRing ring;
  private final Blocking blocking;

  /** Creates the routes. */
  public SigningKeyRoutes(SigningKeyStore store, KeyRing ring, Blocking blocking) {
    this.store = store;
    this.ring = ring;
    this.blocking = blocking;
  }

  /** {@code GET /api/signing-keys}: every key, newest (the signing one) first. */
  public void list(RoutingContext ctx) {
    requireAdmin(ctx);
    blocking.run(store::list).onFailure(ctx::fail).onSuccess(keys -> {
      JsonArray items = new JsonArray();
      keys.forEach(k -> items.add(new JsonObject().put("kid", k.kid())
          .put("createdAt", k.createdAt().toString())
          .put("retiredAt", k.retiredAt() == null ? null : k.retiredAt().toString())));
      Failures.send(ctx, 200, new JsonObject().put("items", items));
    });
  }

  /** {@code POST /api/signing-keys/rotate}: 201 with the new signing key's kid. */
  public void rotate(RoutingContext ctx) {
    requireAdmin(ctx);
    blocking.run(ring::rotate).onFailure(ctx::fail).onSuccess(key -> Failures.send(ctx, 201,
        new JsonObject().put("kid", key.kid()).put("createdAt", key.createdAt().toString())));
  }

  private static void requireAdmin(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    if (!caller.isAdmin()) {
      throw ApiError.of(403, "Only an admin may manage the signing keys.");
    }
  }
}
