package org.screenroom.server.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.account.ApiToken;
import org.screenroom.catalog.account.ApiTokenStore;
import org.screenroom.catalog.db.Ids;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/** {@code /api/tokens}: issue (HTTP Basic), list and revoke API tokens. */
public final class TokenRoutes {
  private static final String REALM = "Basic realm=\"Screenroom\", charset=\"UTF-8\"";

  private final ApiTokenStore tokens;
  private final PasswordLogin login;
  private final Blocking blocking;

  /** Creates the routes. */
  public TokenRoutes(ApiTokenStore tokens, PasswordLogin login, Blocking blocking) {
    this.tokens = tokens;
    this.login = login;
    this.blocking = blocking;
  }

  /**
   * {@code POST /api/tokens} with HTTP Basic credentials and an optional {@code {"label"}}: 201
   * {@code {"token", "id"}}; 401 for wrong credentials, 429 while locked out.
   */
  public void issue(RoutingContext ctx) {
    Optional<Credentials.Basic> basic = Credentials.basic(ctx.request().getHeader("Authorization"));
    if (basic.isEmpty()) {
      unauthorized(ctx, "Send your username and password with HTTP Basic authentication.");
      return;
    }
    Optional<String> label = label(ctx);
    login.check(ctx, basic.get().username(), basic.get().password())
        .compose(account -> blocking.run(() -> account.map(a -> tokens.issue(a.id(), label))))
        .onFailure(ctx::fail)
        .onSuccess(token -> {
          if (token.isEmpty()) {
            unauthorized(ctx, "Wrong username or password.");
          } else {
            Failures.send(ctx, 201, new JsonObject().put("token", token.get()));
          }
        });
  }

  /** {@code GET /api/tokens}: the caller's tokens, newest first, never their secrets. */
  public void list(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    blocking.run(() -> tokens.list(caller.id())).onFailure(ctx::fail).onSuccess(list -> {
      JsonArray items = new JsonArray();
      list.forEach(t -> items.add(render(t)));
      Failures.send(ctx, 200, new JsonObject().put("items", items));
    });
  }

  /** {@code DELETE /api/tokens/:id}: revokes one of the caller's tokens (204); others' are 404. */
  public void revoke(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    if (!Ids.isValid(id)) {
      throw ApiError.notFound("API token");
    }
    blocking.run(() -> tokens.revoke(caller.id(), id)).onFailure(ctx::fail).onSuccess(revoked -> {
      if (revoked) {
        ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
      } else {
        ctx.fail(ApiError.notFound("API token"));
      }
    });
  }

  private static JsonObject render(ApiToken t) {
    return new JsonObject().put("id", t.id()).put("label", t.label().orElse(null))
        .put("prefix", t.prefix()).put("createdAt", t.createdAt().toString())
        .put("lastUsedAt", t.lastUsedAt().map(Instant::toString).orElse(null))
        .put("revokedAt", t.revokedAt().map(Instant::toString).orElse(null));
  }

  /** The optional label of an optional JSON body. */
  private static Optional<String> label(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
      return Optional.empty();
    }
    JsonObject body = FilmRoutes.jsonBody(ctx);
    for (String field : body.fieldNames()) {
      if (!"label".equals(field)) {
        throw ApiError.badField(field, field + " is not a token field: send only \"label\".");
      }
    }
    Object value = body.getValue("label");
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw ApiError.badField("label", "label must be a string.");
    }
    try {
      ApiTokenStore.checkLabel(s);
    } catch (IllegalArgumentException e) {
      throw ApiError.badField("label", e.getMessage());
    }
    return Optional.of(s);
  }

  private static void unauthorized(RoutingContext ctx, String sentence) {
    ctx.response().putHeader("WWW-Authenticate", REALM);
    Failures.send(ctx, 401, new JsonObject().put("error", sentence));
  }
}
