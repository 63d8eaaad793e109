package org.screenroom.server.screener;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.festival.Festival;
import org.screenroom.catalog.festival.FestivalFields;
import org.screenroom.catalog.festival.PlaybackSession;
import org.screenroom.catalog.festival.ScreenerPass;
import org.screenroom.catalog.film.Film;
import org.screenroom.server.analytics.AudienceStats;
import org.screenroom.server.analytics.JuryReport;
import org.screenroom.server.analytics.JuryRow;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.film.FilmPolicy;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Failures;

/**
 * {@code /api/festivals}: festivals, their submitted films, the jury report and the webhook
 * delivery log. The festival's owner and admins manage it; a filmmaker may submit their own
 * film to a festival whose id they were given.
 */
public final class FestivalRoutes {
  private static final int MAX_LIST = 200;
  private static final int MAX_TEXT = 200;
  private final ScreenerContext c;

  /** Creates the routes. */
  public FestivalRoutes(ScreenerContext context) {
    this.c = context;
  }

  /** {@code POST /api/festivals}. */
  public void create(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    FestivalFields fields = fields(FilmRoutes.jsonBody(ctx), null);
    c.blocking().run(() -> ScreenerJson.festival(c.festivals().create(caller.id(), fields)))
        .onFailure(ctx::fail).onSuccess(json -> {
          ctx.response().putHeader("Location", "/api/festivals/" + json.getString("id"));
          Failures.send(ctx, 201, json);
        });
  }

  /** {@code GET /api/festivals}: the caller's festivals (all for an admin). */
  public void list(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    c.blocking().run(() -> {
      JsonArray items = new JsonArray();
      c.festivals().list(caller.id(), caller.isAdmin(), MAX_LIST)
          .forEach(f -> items.add(ScreenerJson.festival(f)));
      return new JsonObject().put("items", items);
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code GET /api/festivals/:id}. */
  public void get(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    c.blocking().run(() -> ScreenerJson.festival(c.manageable(id, caller)))
        .onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code PATCH /api/festivals/:id}: changes the fields sent. */
  public void patch(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    JsonObject body = FilmRoutes.jsonBody(ctx);
    String id = ctx.pathParam("id");
    c.blocking().run(() -> {
      Festival f = c.manageable(id, caller);
      return ScreenerJson.festival(c.festivals().update(id, fields(body, f)).orElseThrow(
          () -> ApiError.notFound("festival")));
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code DELETE /api/festivals/:id}: the festival and its passes. */
  public void delete(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    c.blocking().run(() -> {
      c.manageable(id, caller);
      List<ScreenerPass> passes = c.passes().list(id);
      c.festivals().delete(id);
      return passes;
    }).onFailure(ctx::fail).onSuccess(passes -> {
      passes.forEach(p -> c.passCache().invalidate(p.id()));
      ctx.response().setStatusCode(204).end();
    });
  }

  /** {@code POST /api/festivals/:id/films} {@code {"filmId"}}: submits a film. */
  public void submit(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String filmId = FilmRoutes.jsonBody(ctx).getString("filmId");
    String id = ctx.pathParam("id");
    c.blocking().run(() -> {
      Festival f = c.festivals().find(id).orElseThrow(() -> ApiError.notFound("festival"));
      Film film = c.films().find(filmId).filter(x -> FilmPolicy.canEdit(x, Optional.of(caller))
          || caller.id().equals(f.ownerId()) && FilmPolicy.canSee(x, Optional.of(caller)))
          .orElseThrow(() -> ApiError.badField("filmId", "filmId must be one of your films."));
      c.festivals().submit(id, film.id(), caller.id());
      return new JsonObject().put("festivalId", id).put("filmId", film.id());
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 201, json));
  }

  /** {@code DELETE /api/festivals/:id/films/:filmId}: withdraws a film (its manager or owner). */
  public void withdraw(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    String filmId = ctx.pathParam("filmId");
    c.blocking().run(() -> {
      Festival f = c.festivals().find(id).orElseThrow(() -> ApiError.notFound("festival"));
      boolean allowed = caller.isAdmin() || caller.id().equals(f.ownerId())
          || c.films().find(filmId).map(x -> FilmPolicy.canEdit(x, Optional.of(caller)))
              .orElse(false);
      if (!allowed || !c.festivals().withdraw(id, filmId)) {
        throw ApiError.notFound("submitted film");
      }
      return filmId;
    }).onFailure(ctx::fail).onSuccess(x -> ctx.response().setStatusCode(204).end());
  }

  /** {@code GET /api/festivals/:id/webhooks}: the latest webhook deliveries. */
  public void deliveries(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    c.blocking().run(() -> {
      c.manageable(id, caller);
      JsonArray items = new JsonArray();
      c.deliveries().list(id, MAX_LIST).forEach(d -> items.add(new JsonObject()
          .put("id", d.id()).put("event", d.event()).put("url", d.url())
          .put("attempts", d.attempts()).put("status", d.status()).put("lastCode", d.lastCode())
          .put("lastError", d.lastError()).put("createdAt", d.createdAt().toString())
          .put("updatedAt", d.updatedAt().toString())));
      return new JsonObject().put("items", items);
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /**
   * {@code GET /api/festivals/:id/report}: per juror and film (plays, seconds watched, furthest,
   * last seen, devices), and per film the jury's audience figures. {@code ?format=csv} or
   * {@code Accept: text/csv} answers the juror rows as CSV.
   */
  public void report(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    boolean csv = "csv".equalsIgnoreCase(ctx.request().getParam("format"))
        || Optional.ofNullable(ctx.request().getHeader("Accept")).map(a -> a.toLowerCase(Locale.ROOT)
            .startsWith("text/csv")).orElse(false);
    c.blocking().run(() -> {
      Festival f = c.manageable(id, caller);
      List<ScreenerPass> passes = c.passes().list(id);
      List<PlaybackSession> sessions = c.sessions().forFestival(id);
      List<JuryRow> rows = JuryReport.rows(passes, sessions);
      if (csv) {
        return JuryReport.csv(rows);
      }
      JsonArray films = new JsonArray();
      passes.stream().flatMap(p -> p.filmIds().stream()).distinct().forEach(filmId -> {
        Optional<Film> film = c.films().find(filmId);
        films.add(AudienceStats.of(filmId, sessions.stream()
                .filter(s -> s.filmId().equals(filmId)).toList(),
            film.flatMap(Film::duration)).json()
            .put("title", film.map(x -> x.metadata().title()).orElse(null)));
      });
      JsonArray items = JuryReport.json(rows);
      return new JsonObject().put("festivalId", f.id()).put("name", f.name())
          .put("items", items).put("rows", items).put("films", films).encode();
    }).onFailure(ctx::fail).onSuccess(body -> {
      if (csv) {
        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"jury-report-" + id + ".csv\"")
            .putHeader("Cache-Control", "no-store").end(body);
      } else {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
            .putHeader("Cache-Control", "no-store").end(body);
      }
    });
  }

  /** The fields of {@code body} over {@code base} (null for a new festival). */
  static FestivalFields fields(JsonObject body, Festival base) {
    String name = text(body, "name", base == null ? null : base.name());
    if (name == null || name.isBlank()) {
      throw ApiError.badField("name", "name is required: the festival's name.");
    }
    String url = text(body, "webhookUrl", base == null ? null : base.webhookUrl());
    if (url != null && !url.matches("https?://\\S{1,2000}")) {
      throw ApiError.badField("webhookUrl", "webhookUrl must be an http(s) address.");
    }
    return new FestivalFields(name.strip(), text(body, "edition", base == null ? null : base.edition()),
        date(body, "startsOn", base == null ? null : base.startsOn()),
        date(body, "endsOn", base == null ? null : base.endsOn()), url,
        text(body, "webhookSecret", base == null ? null : base.webhookSecret()));
  }

  private static String text(JsonObject body, String key, String fallback) {
    if (!body.containsKey(key)) {
      return fallback;
    }
    Object v = body.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.length() > (key.equals("webhookUrl") ? 2000 : MAX_TEXT)) {
      throw ApiError.badField(key, key + " must be text of at most " + MAX_TEXT + " characters.");
    }
    return s.isBlank() ? null : s.strip();
  }

  private static String date(JsonObject body, String key, String fallback) {
    String v = text(body, key, fallback);
    if (v != null) {
      try {
        java.time.LocalDate.parse(v);
      } catch (java.time.format.DateTimeParseException e) {
        throw ApiError.badField(key, key + " must be a date such as 2026-05-12.");
      }
    }
    return v;
  }
}
