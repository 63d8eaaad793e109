package org.screenroom.server.screener;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.festival.PlaybackSession;
import org.screenroom.catalog.festival.PlaybackSessionStore;
import org.screenroom.catalog.festival.ScreenerStore;
import org.screenroom.server.film.FilmRoutes;

/**
 * The festival feature's handlers, built once from a {@link ScreenerContext}: festivals, passes,
 * the juror's room, player events and the hot-path gate.
 */
public final class ScreenerModule {
  private final ScreenerContext context;
  private final FestivalRoutes festivals;
  private final PassRoutes passes;
  private final RoomRoutes room;
  private final EventRoutes events;
  private final ScreenerGate gate;

  /** Creates the handlers over {@code context}. */
  public ScreenerModule(ScreenerContext context) {
    this.context = context;
    this.festivals = new FestivalRoutes(context);
    this.passes = new PassRoutes(context);
    this.room = new RoomRoutes(context);
    this.events = new EventRoutes(context);
    this.gate = new ScreenerGate(context.signer(), context.passCache(), context.clock());
  }

  /**
   * The hot-path cache of pass states, loading from the catalog on {@code executor}.
   *
   * @param ticker the cache's time source (tests move it by hand)
   */
  public static PassCache passCache(ScreenerStore passes, PlaybackSessionStore sessions,
      Executor executor, Ticker ticker) {
    return new PassCache(id -> passes.find(id).map(p -> PassPolicy.state(p,
        sessions.forViewer(PlaybackSession.SCREENER, p.id()))), executor, ticker);
  }

  /** Starts audience sessions for {@code GET /api/films/{id}/playback}. */
  public static FilmRoutes.AudienceSessions audience(PlaybackSessionStore sessions,
      java.time.Clock clock) {
    return (String filmId, Optional<Account> caller, RoutingContext ctx) -> {
      String device = RoomRoutes.deviceId(ctx);
      String ip = org.screenroom.server.http.ClientAddress.of(ctx);
      return sessions.start(filmId,
          caller.isPresent() ? PlaybackSession.ACCOUNT : PlaybackSession.ANONYMOUS,
          caller.map(Account::id).orElse(device), device, ip,
          ctx.request().getHeader("User-Agent"), clock.instant()).id();
    };
  }

  public ScreenerContext context() {
    return context;
  }

  public FestivalRoutes festivals() {
    return festivals;
  }

  public PassRoutes passes() {
    return passes;
  }

  public RoomRoutes room() {
    return room;
  }

  public EventRoutes events() {
    return events;
  }

  public ScreenerGate gate() {
    return gate;
  }
}
