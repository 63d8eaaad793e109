package org.screenroom.server.pages;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.server.auth.AuthHandler;

/**
 * {@code /watch/{id}} and {@code /embed/{id}}: the player page with the caller's playback answer
 * inside (see {@link WatchBoot}), so the first frame does not wait for an API round trip after
 * the scripts ran. When the caller may not watch (yet), the page goes out plain and the player
 * asks the API, which says why in words.
 */
public final class WatchPage {
  /** The caller's playback answer for a film, or a failed future saying why not. */
  @FunctionalInterface
  public interface PlaybackAnswers {
    /** Answers for film {@code id}; blocking work runs on workers. */
    Future<JsonObject> answer(RoutingContext ctx, String id, Optional<Account> caller);
  }

  private final PageRoutes pages;
  private final PlaybackAnswers answers;

  /** Creates the page over the loaded {@code pages}. */
  public WatchPage(PageRoutes pages, PlaybackAnswers answers) {
    this.pages = pages;
    this.answers = answers;
  }

  /** The handler; {@code framable} allows framing from any site (the embed page). */
  public Handler<RoutingContext> handler(boolean framable) {
    String template = pages.template("watch");
    return ctx -> {
      String id = ctx.pathParam("id");
      String format = ctx.request().getParam("format");
      answers.answer(ctx, id, AuthHandler.caller(ctx)).onComplete(ar -> {
        String html = ar.succeeded() ? WatchBoot.render(template, id, ar.result(), format) : template;
        // Signed, expiring URLs inside: never stored by a cache.
        PageRoutes.send(ctx, Buffer.buffer(html), framable, "no-store");
      });
    };
  }
}
