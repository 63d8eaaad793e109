package org.screenroom.server.screener;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.screenroom.catalog.festival.PlaybackSession;
import org.screenroom.catalog.festival.ScreenerPass;
import org.screenroom.catalog.film.Film;
import org.screenroom.server.analytics.AudienceStats;
import org.screenroom.server.analytics.Heartbeats;
import org.screenroom.server.analytics.PlayerEvent;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.film.FilmPolicy;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Failures;

/**
 * {@code POST /api/playback/{session}/events}: player heartbeats and quality reports, checked
 * against the session; a screener session whose pass was revoked or expired answers 410 so the
 * player stops. Also {@code GET /api/films/{id}/analytics} for the film's owner.
 */
public final class EventRoutes {
  private final ScreenerContext c;

  /** Creates the routes. */
  public EventRoutes(ScreenerContext context) {
    this.c = context;
  }

  /** {@code POST /api/playback/:session/events}: 204, or 404/410/400. */
  public void events(RoutingContext ctx) {
    List<PlayerEvent> events = PlayerEvent.parseAll(FilmRoutes.jsonBody(ctx));
    String id = ctx.pathParam("session");
    c.blocking().run(() -> {
      PlaybackSession s = c.sessions().find(id).orElseThrow(() -> ApiError.of(404,
          "This playback session is unknown: reload the page to start a new one."));
      Instant now = c.clock().instant();
      Optional<ScreenerPass> pass = PlaybackSession.SCREENER.equals(s.viewerKind())
          ? c.passes().find(s.viewerId()) : Optional.empty();
      if (PlaybackSession.SCREENER.equals(s.viewerKind())) {
        Optional<PassRefusal> closed = pass.isEmpty() ? Optional.of(PassRefusal.REVOKED)
            : PassPolicy.window(pass.get().opensAt(), pass.get().expiresAt(),
                pass.get().revokedAt(), now);
        if (closed.isPresent()) {
          throw RoomRoutes.refusal(closed.get());
        }
      }
      Optional<Film> film = c.films().find(s.filmId());
      Heartbeats.Applied applied = Heartbeats.apply(s, events, now, film.flatMap(Film::duration));
      c.sessions().save(applied.session());
      for (PlayerEvent e : events) {
        if ("error".equals(e.type()) || "quality".equals(e.type())) {
          c.sessions().addEvent(s.id(), now, e.type(), e.position(), e.height(), e.bitrate(),
              e.message());
        }
      }
      if (applied.newlyCompleted() && pass.isPresent()) {
        c.festivals().find(pass.get().festivalId()).ifPresent(f -> c.notifier().notify(f,
            "screener.completed", Notifications.pass(pass.get()).put("filmId", s.filmId())));
      }
      return applied;
    }).onFailure(e -> {
      if (e instanceof PassRefused r) {
        r.send(ctx);
      } else {
        ctx.fail(e);
      }
    }).onSuccess(x -> ctx.response().setStatusCode(204).end());
  }

  /**
   * {@code GET /api/films/:id/analytics?viewers=audience|screener|all}: views, unique viewers,
   * minutes watched, retention curve, startup median, stall ratio. The film's owner or an admin.
   */
  public void filmAnalytics(RoutingContext ctx) {
    var caller = AuthHandler.requireCaller(ctx);
    String viewers = Optional.ofNullable(ctx.request().getParam("viewers")).orElse("all");
    if (!List.of("audience", "screener", "all").contains(viewers)) {
      throw ApiError.badField("viewers", "viewers must be audience, screener or all.");
    }
    c.blocking().run(() -> {
      Film film = c.films().find(ctx.pathParam("id"))
          .filter(f -> FilmPolicy.canEdit(f, Optional.of(caller)))
          .orElseThrow(() -> ApiError.notFound("film"));
      List<PlaybackSession> sessions = c.sessions().forFilm(film.id()).stream()
          .filter(s -> viewers.equals("all")
              || viewers.equals("screener") == PlaybackSession.SCREENER.equals(s.viewerKind()))
          .toList();
      return AudienceStats.of(film.id(), sessions, film.duration()).json()
          .put("title", film.metadata().title()).put("viewers", viewers)
          .put("durationSeconds", film.duration().map(d -> d.toMillis() / 1000.0).orElse(null));
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }
}
