package org.screenroom.server.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.account.Session;
import org.screenroom.catalog.account.SessionStore;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/** {@code /api/session} (browser sign-in and sign-out) and {@code GET /api/me}. */
public final class SessionRoutes {
  private static final int MAX_USERNAME = 128;
  private static final int MAX_PASSWORD = 1024;

  private final SessionStore sessions;
  private final SessionCookies cookies;
  private final PasswordLogin login;
  private final AuthHandler auth;
  private final Blocking blocking;

  /** Creates the routes. */
  public SessionRoutes(SessionStore sessions, SessionCookies cookies, PasswordLogin login,
      AuthHandler auth, Blocking blocking) {
    this.sessions = sessions;
    this.cookies = cookies;
    this.login = login;
    this.auth = auth;
    this.blocking = blocking;
  }

  /**
   * {@code POST /api/session} {@code {"username", "password"}}: 201 with the account and its
   * {@code csrfToken}, setting the session cookies; 401 for wrong credentials, 429 while locked.
   */
  public void create(RoutingContext ctx) {
    // Refusing cross-site sign-ins stops login CSRF (signing a victim into the attacker's account).
    if (auth.isCrossSite(ctx.request())) {
      throw ApiError.of(403, "Sign in from Screenroom's own pages, not from another site.");
    }
    JsonObject body = FilmRoutes.jsonBody(ctx);
    String username = text(body, "username", MAX_USERNAME);
    String password = text(body, "password", MAX_PASSWORD);
    String previous = SessionCookies.secret(ctx.request()).orElse(null);
    String agent = ctx.request().getHeader("User-Agent");
    login.check(ctx, username, password)
        .compose(account -> blocking.run(() -> {
          if (account.isEmpty()) {
            throw ApiError.of(401, "Wrong username or password.");
          }
          if (previous != null) {
            sessions.delete(previous); // signing in again replaces the old session
          }
          return sessions.create(account.get(), agent);
        }))
        .onFailure(ctx::fail)
        .onSuccess(session -> {
          cookies.set(ctx.request(), ctx.response(), session.secret(), sessions.maxLifetime());
          Failures.send(ctx, 201, me(session.account(), session.secret())
              .put("expiresAt", session.expiresAt().toString()));
        });
  }

  /** {@code DELETE /api/session}: ends the caller's session (if any) and clears the cookies: 204. */
  public void delete(RoutingContext ctx) {
    var secret = AuthHandler.sessionSecret(ctx);
    blocking.run(() -> secret.map(sessions::delete).orElse(false))
        .onFailure(ctx::fail)
        .onSuccess(deleted -> {
          cookies.clear(ctx.request(), ctx.response());
          ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
        });
  }

  /** {@code GET /api/me}: the caller ({@code id, username, role}, and the CSRF token of a session). */
  public void me(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    Failures.send(ctx, 200, me(caller, AuthHandler.sessionSecret(ctx).orElse(null)));
  }

  private static JsonObject me(Account account, String sessionSecret) {
    JsonObject out = new JsonObject().put("id", account.id()).put("username", account.username())
        .put("role", account.role().wire());
    if (sessionSecret != null) {
      out.put("csrfToken", CsrfToken.of(sessionSecret));
    }
    return out;
  }

  private static String text(JsonObject body, String field, int max) {
    Object value = body.getValue(field);
    if (!(value instanceof String s) || s.isEmpty()) {
      throw ApiError.badField(field, field + " is required: send it as a non-empty string.");
    }
    if (s.length() > max) {
      throw ApiError.badField(field, field + " is longer than " + max + " characters.");
    }
    return s;
  }
}
