package org.screenroom.server.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.ApiTokenStore;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/**
 * Resolves the caller from {@code Authorization: Bearer TOKEN} (anonymous when absent) and issues
 * tokens for HTTP Basic credentials. Token and password checks run on workers.
 */
public final class AuthHandler {
  private static final String ACCOUNT = "screenroom.account";
  private static final String REALM = "Basic realm=\"Screenroom\", charset=\"UTF-8\"";

  private final AccountStore accounts;
  private final ApiTokenStore tokens;
  private final Blocking blocking;

  /** Creates the handler. */
  public AuthHandler(AccountStore accounts, ApiTokenStore tokens, Blocking blocking) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.blocking = blocking;
  }

  /** The caller resolved by {@link #resolve}, or empty for an anonymous caller. */
  public static Optional<Account> caller(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(ACCOUNT));
  }

  /** The caller, or a 401 when anonymous. */
  public static Account requireCaller(RoutingContext ctx) {
    return caller(ctx).orElseThrow(() -> ApiError.of(401,
        "Sign in first: send an API token as 'Authorization: Bearer TOKEN' (POST /api/tokens gives one)."));
  }

  /** Guard: resolves a bearer token if one is sent; a bad one is a 401, none is anonymous. */
  public void resolve(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null) {
      ctx.next();
      return;
    }
    Optional<String> token = Credentials.bearer(header);
    if (token.isEmpty()) {
      ctx.fail(ApiError.of(401, "Send the API token as 'Authorization: Bearer TOKEN'."));
      return;
    }
    blocking.run(() -> tokens.authenticate(token.get())).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().isEmpty()) {
        ctx.fail(ApiError.of(401,
            "This API token is unknown or revoked: get a new one with POST /api/tokens."));
      } else {
        ctx.put(ACCOUNT, ar.result().get());
        ctx.next();
      }
    });
  }

  /** {@code POST /api/tokens}: HTTP Basic credentials in, a new API token out (201). */
  public void issueToken(RoutingContext ctx) {
    Optional<Credentials.Basic> basic = Credentials.basic(ctx.request().getHeader("Authorization"));
    if (basic.isEmpty()) {
      unauthorized(ctx, "Send your username and password with HTTP Basic authentication.");
      return;
    }
    blocking.run(() -> accounts.authenticate(basic.get().username(), basic.get().password())
            .map(account -> tokens.issue(account.id())))
        .onFailure(ctx::fail)
        .onSuccess(token -> {
          if (token.isEmpty()) {
            unauthorized(ctx, "Wrong username or password.");
          } else {
            Failures.send(ctx, 201, new JsonObject().put("token", token.get()));
          }
        });
  }

  private static void unauthorized(RoutingContext ctx, String sentence) {
    ctx.response().putHeader("WWW-Authenticate", REALM);
    Failures.send(ctx, 401, new JsonObject().put("error", sentence));
  }
}
