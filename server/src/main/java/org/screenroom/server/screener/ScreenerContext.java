package org.screenroom.server.screener;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.account.LoginThrottle;
import org.screenroom.catalog.account.PasswordHasher;
import org.screenroom.catalog.festival.Festival;
import org.screenroom.catalog.festival.FestivalStore;
import org.screenroom.catalog.festival.PlaybackSessionStore;
import org.screenroom.catalog.festival.ScreenerStore;
import org.screenroom.catalog.festival.WebhookDeliveryStore;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.stream.TokenSigner;

/**
 * What the festival and screener routes share: stores, the worker pool, the clock, the hot-path
 * pass cache, the signer, notifications.
 *
 * @param playbackTtl the longest life of a signed playback URL (a pass's expiry shortens it)
 * @param invitations sends invitation emails, when SMTP is configured
 * @param passcodeThrottle counts wrong passcodes per pass and address, like wrong passwords
 */
public record ScreenerContext(FestivalStore festivals, ScreenerStore passes,
    PlaybackSessionStore sessions, WebhookDeliveryStore deliveries, FilmStore films,
    Blocking blocking, Clock clock, FilmRoutes.BaseUrls baseUrls, PassCache passCache,
    TokenSigner signer, Duration playbackTtl, PasswordHasher hasher, ScreenerNotifier notifier,
    Optional<Invitations> invitations, LoginThrottle passcodeThrottle) {

  /** Sends a juror their link. */
  @FunctionalInterface
  public interface Invitations {
    /** Sends the invitation; the future fails with a sentence when the mail server refuses. */
    io.vertx.core.Future<Void> send(Festival festival, org.screenroom.catalog.festival.ScreenerPass pass,
        String url);
  }

  /** The festival if {@code caller} owns it or is an admin; else 404. Blocking. */
  public Festival manageable(String festivalId, Account caller) {
    return festivals.find(festivalId)
        .filter(f -> caller.isAdmin() || f.ownerId().equals(caller.id()))
        .orElseThrow(() -> ApiError.notFound("festival"));
  }
}
