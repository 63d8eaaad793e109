package org.screenroom.server.screener;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.festival.Festival;
import org.screenroom.catalog.festival.NewPass;
import org.screenroom.catalog.festival.ScreenerPass;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.film.FilmPolicy;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Failures;

/**
 * Screener passes as the festival manages them: create (one, or many from a CSV of jurors),
 * list, read, extend or change limits, revoke, and send the invitation email.
 */
public final class PassRoutes {
  private static final int MAX_CSV_BYTES = 1 << 20;
  private final ScreenerContext c;

  /** Creates the routes. */
  public PassRoutes(ScreenerContext context) {
    this.c = context;
  }

  /** {@code POST /api/festivals/:id/screeners}: one pass. */
  public void create(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    PassRequest request = PassRequest.fromJson(FilmRoutes.jsonBody(ctx));
    boolean invite = Boolean.TRUE.equals(FilmRoutes.jsonBody(ctx).getValue("sendInvite"));
    String base = c.baseUrls().of(ctx);
    c.blocking().run(() -> createAll(ctx.pathParam("id"), caller, List.of(request)))
        .onFailure(ctx::fail).onSuccess(created -> {
          ScreenerPass p = created.passes().get(0);
          if (invite) {
            invite(created.festival(), p, base);
          }
          ctx.response().putHeader("Location", "/api/screeners/" + p.id());
          Failures.send(ctx, 201, ScreenerJson.pass(p, base, c.clock().instant()));
        });
  }

  /**
   * {@code POST /api/festivals/:id/screeners/bulk} with a {@code text/csv} body (see
   * {@link JurorCsv}); query parameters give defaults ({@code expiresAt}, {@code maxPlays} ...).
   * All passes or none; {@code ?invite=true} emails each juror.
   */
  public void bulk(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
      throw ApiError.badField("body", "The body is empty: send the jurors as text/csv.");
    }
    if (ctx.body().length() > MAX_CSV_BYTES) {
      throw ApiError.of(413, "The CSV is larger than 1 MiB: split it.");
    }
    Map<String, String> defaults = new HashMap<>();
    ctx.queryParams().forEach(e -> defaults.put(e.getKey(), e.getValue()));
    boolean invite = "true".equals(defaults.remove("invite"));
    List<PassRequest> requests = JurorCsv.parse(ctx.body().asString(), defaults);
    String base = c.baseUrls().of(ctx);
    c.blocking().run(() -> createAll(ctx.pathParam("id"), caller, requests))
        .onFailure(ctx::fail).onSuccess(created -> {
          JsonArray items = new JsonArray();
          Instant now = c.clock().instant();
          for (ScreenerPass p : created.passes()) {
            items.add(ScreenerJson.pass(p, base, now));
            if (invite) {
              invite(created.festival(), p, base);
            }
          }
          Failures.send(ctx, 201, new JsonObject().put("items", items));
        });
  }

  private record Created(Festival festival, List<ScreenerPass> passes) {}

  /** Checks the films, hashes passcodes and stores the passes. Blocking. */
  private Created createAll(String festivalId, Account caller, List<PassRequest> requests) {
    Festival f = c.manageable(festivalId, caller);
    List<NewPass> out = new ArrayList<>();
    for (PassRequest r : requests) {
      List<String> films = r.filmIds().isEmpty() ? f.filmIds() : r.filmIds();
      if (films.isEmpty()) {
        throw ApiError.badField("filmIds", "filmIds is empty and the festival has no films yet: "
            + "name the films this juror may watch.");
      }
      for (String filmId : films) {
        if (!f.filmIds().contains(filmId)) {
          // The festival's manager may add their own (or, for an admin, any) film directly.
          c.films().find(filmId).filter(x -> FilmPolicy.canEdit(x, Optional.of(caller)))
              .orElseThrow(() -> ApiError.badField("filmIds", "filmIds must name films "
                  + "submitted to this festival; " + filmId + " is not."));
          c.festivals().submit(f.id(), filmId, caller.id());
        }
      }
      out.add(new NewPass(r.jurorName(), r.jurorEmail(), films,
          r.passcode() == null ? null : c.hasher().hash(r.passcode()), r.opensAt(),
          r.expiresAt(), r.maxPlays(), r.maxDevices(), r.maxStreams()));
    }
    return new Created(f, c.passes().create(f.id(), out));
  }

  /** {@code GET /api/festivals/:id/screeners}. */
  public void list(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String base = c.baseUrls().of(ctx);
    c.blocking().run(() -> {
      c.manageable(ctx.pathParam("id"), caller);
      JsonArray items = new JsonArray();
      Instant now = c.clock().instant();
      c.passes().list(ctx.pathParam("id")).forEach(p -> items.add(ScreenerJson.pass(p, base, now)));
      return new JsonObject().put("items", items);
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code GET /api/screeners/:id}. */
  public void get(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String base = c.baseUrls().of(ctx);
    c.blocking().run(() -> ScreenerJson.pass(managed(ctx.pathParam("id"), caller).pass(), base,
            c.clock().instant()))
        .onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /**
   * {@code PATCH /api/screeners/:id}: extends or changes the window ({@code opensAt},
   * {@code expiresAt}) and limits ({@code maxPlays}, {@code maxDevices}, {@code maxStreams}; null
   * removes one). Lowered limits stop sessions beyond them on their next segment.
   */
  public void patch(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    JsonObject body = FilmRoutes.jsonBody(ctx);
    String base = c.baseUrls().of(ctx);
    c.blocking().run(() -> {
      ScreenerPass p = managed(ctx.pathParam("id"), caller).pass();
      Instant opens = body.containsKey("opensAt")
          ? PassRequest.instant("opensAt", str(body, "opensAt")) : p.opensAt();
      Instant expires = body.containsKey("expiresAt")
          ? PassRequest.instant("expiresAt", str(body, "expiresAt")) : p.expiresAt();
      if (expires == null) {
        throw ApiError.badField("expiresAt", "expiresAt cannot be removed: a screener always ends.");
      }
      if (opens != null && !opens.isBefore(expires)) {
        throw ApiError.badField("opensAt", "opensAt must come before expiresAt.");
      }
      ScreenerPass updated = c.passes().updateLimits(p.id(), opens, expires,
          limit(body, "maxPlays", p.maxPlays()), limit(body, "maxDevices", p.maxDevices()),
          limit(body, "maxStreams", p.maxStreams())).orElseThrow();
      return ScreenerJson.pass(updated, base, c.clock().instant());
    }).onFailure(ctx::fail).onSuccess(json -> {
      c.passCache().invalidate(json.getString("id"));
      Failures.send(ctx, 200, json);
    });
  }

  /** {@code DELETE /api/screeners/:id}: revokes; playing sessions stop within seconds. */
  public void revoke(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String base = c.baseUrls().of(ctx);
    c.blocking().run(() -> {
      Managed m = managed(ctx.pathParam("id"), caller);
      ScreenerPass revoked = c.passes().revoke(m.pass().id()).orElseThrow();
      if (m.pass().revokedAt() == null) {
        c.notifier().notify(m.festival(), "screener.revoked", Notifications.pass(revoked));
      }
      return ScreenerJson.pass(revoked, base, c.clock().instant());
    }).onFailure(ctx::fail).onSuccess(json -> {
      // This process's hot path learns at once; other processes on the next refresh (2 s).
      c.passCache().invalidate(json.getString("id"));
      Failures.send(ctx, 200, json);
    });
  }

  /** {@code POST /api/screeners/:id/invite}: emails the juror their link. */
  public void sendInvite(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    if (c.invitations().isEmpty()) {
      throw ApiError.of(409, "No mail server is configured: start the server with --smtp-host "
          + "to send invitations, or send the juror the link yourself.");
    }
    String base = c.baseUrls().of(ctx);
    c.blocking().run(() -> managed(ctx.pathParam("id"), caller))
        .compose(m -> c.invitations().get().send(m.festival(), m.pass(), ScreenerJson.url(base, m.pass()))
            .map(v -> m))
        .onFailure(e -> ctx.fail(e instanceof ApiError ? e : ApiError.of(502,
            "The mail server did not accept the invitation: " + e.getMessage())))
        .onSuccess(m -> Failures.send(ctx, 202, new JsonObject().put("sentTo", m.pass().jurorEmail())));
  }

  private void invite(Festival f, ScreenerPass p, String base) {
    c.invitations().ifPresent(i -> i.send(f, p, ScreenerJson.url(base, p)));
  }

  private record Managed(Festival festival, ScreenerPass pass) {}

  private Managed managed(String passId, Account caller) {
    ScreenerPass p = c.passes().find(passId).orElseThrow(() -> ApiError.notFound("screener"));
    Festival f = c.festivals().find(p.festivalId())
        .filter(x -> caller.isAdmin() || x.ownerId().equals(caller.id()))
        .orElseThrow(() -> ApiError.notFound("screener"));
    return new Managed(f, p);
  }

  private static String str(JsonObject body, String key) {
    Object v = body.getValue(key);
    return v == null ? null : String.valueOf(v);
  }

  private static Integer limit(JsonObject body, String key, Integer current) {
    return body.containsKey(key) ? PassRequest.limit(key, str(body, key)) : current;
  }
}
