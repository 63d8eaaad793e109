package org.screenroom.server.collection;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.collection.Collection;
import org.screenroom.catalog.collection.CollectionStore;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.film.FilmJson;
import org.screenroom.server.film.FilmPolicy;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/**
 * {@code /api/collections}: curated, ordered sets of films. A collection is seen like a film
 * (draft and private by its owner and admins, unlisted by link holders, public by anyone and
 * listed); inside it each caller sees only the films {@link FilmPolicy#canList} allows.
 */
public final class CollectionRoutes {
  private static final int MAX_LISTED = 200;
  private final CollectionStore collections;
  private final FilmStore films;
  private final Blocking blocking;
  private final Clock clock;

  /** Creates the routes. */
  public CollectionRoutes(CollectionStore collections, FilmStore films, Blocking blocking,
      Clock clock) {
    this.collections = collections;
    this.films = films;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** {@code POST /api/collections}: 201 with the new, empty collection. */
  public void create(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    CollectionRequest.Create body = CollectionRequest.create(FilmRoutes.jsonBody(ctx));
    blocking.run(() -> render(collections.create(caller.id(), body.title(), body.description(),
            body.visibility()), Optional.of(caller)))
        .onFailure(ctx::fail).onSuccess(json -> {
          ctx.response().putHeader("Location", "/api/collections/" + json.getString("id"));
          Failures.send(ctx, 201, json);
        });
  }

  /** {@code GET /api/collections}: public ones and the caller's own (every one for an admin). */
  public void list(RoutingContext ctx) {
    Optional<Account> caller = AuthHandler.caller(ctx);
    blocking.run(() -> {
      JsonArray items = new JsonArray();
      collections.list(caller.map(Account::id), caller.map(Account::isAdmin).orElse(false),
          MAX_LISTED).forEach(c -> items.add(summary(c)));
      return new JsonObject().put("items", items);
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code GET /api/collections/:id}: the collection and the films the caller may see, in order. */
  public void get(RoutingContext ctx) {
    Optional<Account> caller = AuthHandler.caller(ctx);
    String id = ctx.pathParam("id");
    blocking.run(() -> render(collections.find(id).filter(c -> canSee(c, caller))
            .orElseThrow(() -> ApiError.notFound("collection")), caller))
        .onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code PUT /api/collections/:id/films}: replaces the films, in the order sent. */
  public void setFilms(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    List<String> ids = CollectionRequest.filmIds(anyJsonBody(ctx));
    String id = ctx.pathParam("id");
    blocking.run(() -> {
      editable(id, caller);
      for (String filmId : ids) {
        // A curator may add their own films, films granted to them and public ones; never another
        // filmmaker's unlisted film, whose link its owner did not mean to publish.
        if (films.find(filmId).filter(f -> FilmPolicy.canEdit(f, Optional.of(caller))
            || FilmPolicy.isGranted(f, Optional.of(caller))
            || f.visibility() == Visibility.PUBLIC).isEmpty()) {
          throw ApiError.badField("filmIds", "No film " + filmId + " that you can see.");
        }
      }
      return render(collections.setFilms(id, ids).orElseThrow(() ->
          ApiError.notFound("collection")), Optional.of(caller));
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code DELETE /api/collections/:id}: 204; its films stay. */
  public void delete(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    blocking.run(() -> {
      editable(id, caller);
      return collections.delete(id);
    }).onFailure(ctx::fail).onSuccess(ok -> ctx.response().setStatusCode(204).end());
  }

  private Collection editable(String id, Account caller) {
    return collections.find(id).filter(c -> canEdit(c, Optional.of(caller)))
        .orElseThrow(() -> ApiError.notFound("collection"));
  }

  static boolean canEdit(Collection c, Optional<Account> caller) {
    return caller.map(a -> a.isAdmin() || a.id().equals(c.ownerId())).orElse(false);
  }

  static boolean canSee(Collection c, Optional<Account> caller) {
    return canEdit(c, caller) || c.visibility().openToLinkHolders();
  }

  private static JsonObject summary(Collection c) {
    return new JsonObject().put("id", c.id()).put("title", c.title())
        .put("description", c.description()).put("visibility", c.visibility().wire())
        .put("createdAt", c.createdAt().toString()).put("updatedAt", c.updatedAt().toString())
        .put("links", new JsonObject().put("self", "/api/collections/" + c.id()));
  }

  /** The collection with the films {@code caller} may see, in the curator's order. Blocking. */
  private JsonObject render(Collection c, Optional<Account> caller) {
    JsonArray items = new JsonArray();
    for (String filmId : c.filmIds()) {
      Optional<Film> film = films.find(filmId)
          .filter(f -> FilmPolicy.canList(f, caller, clock.instant()));
      film.ifPresent(f -> items.add(FilmJson.render(f, FilmPolicy.canEdit(f, caller))));
    }
    return summary(c).put("films", items);
  }

  private static Object anyJsonBody(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw ApiError.of(415, "Send the body as application/json.");
    }
    if (ctx.body() == null || ctx.body().length() == 0) {
      throw ApiError.of(400, "The body is empty: send a JSON array of film ids.");
    }
    try {
      return Json.decodeValue(ctx.body().buffer());
    } catch (DecodeException e) {
      throw ApiError.of(400, "The body is not valid JSON: send a JSON array of film ids.");
    }
  }
}
