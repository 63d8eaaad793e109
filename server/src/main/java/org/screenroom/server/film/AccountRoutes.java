package org.screenroom.server.film;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.account.UsernameTakenException;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/** {@code POST /api/accounts}: an admin creates filmmakers and admins. */
public final class AccountRoutes {
  private static final int MIN_PASSWORD = 8;
  private final AccountStore accounts;
  private final Blocking blocking;

  /** Creates the routes. */
  public AccountRoutes(AccountStore accounts, Blocking blocking) {
    this.accounts = accounts;
    this.blocking = blocking;
  }

  /** Creates an account (admin only): 201 with the account, 409 when the username is taken. */
  public void create(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    if (!caller.isAdmin()) {
      throw ApiError.of(403, "Only an admin can create accounts.");
    }
    JsonObject body = FilmRoutes.jsonBody(ctx);
    String username = body.getValue("username") instanceof String s ? s : null;
    String password = body.getValue("password") instanceof String s ? s : null;
    String roleName = body.getValue("role") instanceof String s ? s : "filmmaker";
    if (username == null || !username.matches("[A-Za-z0-9._-]{2,64}")) {
      throw ApiError.badField("username",
          "username must be 2-64 letters, digits, dots, dashes or underscores.");
    }
    if (password == null || password.length() < MIN_PASSWORD || password.length() > 1024) {
      throw ApiError.badField("password", "password must be at least " + MIN_PASSWORD + " characters.");
    }
    Role role = Role.parse(roleName).orElseThrow(() ->
        ApiError.badField("role", "role must be filmmaker or admin."));
    blocking.run(() -> {
      try {
        return accounts.create(username, password, role);
      } catch (UsernameTakenException e) {
        throw ApiError.of(409, e.getMessage());
      }
    }).onFailure(ctx::fail).onSuccess(a -> Failures.send(ctx, 201, new JsonObject()
        .put("id", a.id()).put("username", a.username()).put("role", a.role().wire())
        .put("createdAt", a.createdAt().toString())));
  }
}
