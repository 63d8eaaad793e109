package org.screenroom.server.film;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmGrantStore;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/**
 * {@code /api/films/:id/grants}: the owner (or an admin) lets named accounts see and watch a
 * private film. Grants of a film that is not private are kept but do nothing until it is.
 */
public final class GrantRoutes {
  private final FilmStore films;
  private final FilmGrantStore grants;
  private final AccountStore accounts;
  private final Blocking blocking;

  /** Creates the routes. */
  public GrantRoutes(FilmStore films, FilmGrantStore grants, AccountStore accounts,
      Blocking blocking) {
    this.films = films;
    this.grants = grants;
    this.accounts = accounts;
    this.blocking = blocking;
  }

  /** {@code GET /api/films/:id/grants}: {@code {"items": [{"username", "grantedAt"}]}}. */
  public void list(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    blocking.run(() -> {
      editable(id, caller);
      JsonArray items = new JsonArray();
      grants.grants(id).forEach(g -> items.add(new JsonObject().put("username", g.username())
          .put("grantedAt", g.grantedAt().toString())));
      return new JsonObject().put("items", items);
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code POST /api/films/:id/grants} {@code {"username"}}: 201 with the grant. */
  public void add(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    JsonObject body = FilmRoutes.jsonBody(ctx);
    if (!(body.getValue("username") instanceof String username) || username.isBlank()
        || username.length() > 64) {
      throw ApiError.badField("username", "Send the account to grant as {\"username\": \"...\"}.");
    }
    String id = ctx.pathParam("id");
    blocking.run(() -> {
      Film film = editable(id, caller);
      Account grantee = accounts.findByUsername(username.strip()).orElseThrow(() ->
          ApiError.badField("username", "No account is named '" + username.strip() + "'."));
      grants.grant(film.id(), grantee.id());
      return grants.grants(film.id()).stream().filter(g -> g.username().equals(grantee.username()))
          .findFirst().orElseThrow();
    }).onFailure(ctx::fail).onSuccess(g -> Failures.send(ctx, 201, new JsonObject()
        .put("username", g.username()).put("grantedAt", g.grantedAt().toString())));
  }

  /** {@code DELETE /api/films/:id/grants/:username}: 204, or 404 when there was no grant. */
  public void remove(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    String username = ctx.pathParam("username");
    blocking.run(() -> {
      Film film = editable(id, caller);
      Optional<Account> grantee = accounts.findByUsername(username);
      if (grantee.isEmpty() || !grants.revoke(film.id(), grantee.get().id())) {
        throw ApiError.notFound("grant");
      }
      return film;
    }).onFailure(ctx::fail).onSuccess(f -> ctx.response().setStatusCode(204).end());
  }

  private Film editable(String id, Account caller) {
    return films.find(id).filter(f -> FilmPolicy.canEdit(f, Optional.of(caller)))
        .orElseThrow(() -> ApiError.notFound("film"));
  }
}
