package org.screenroom.server.screener;

import io.vertx.core.json.JsonObject;
import org.screenroom.catalog.festival.Festival;

/** Told of screener events: {@code screener.opened}, {@code .completed}, {@code .limit_reached}, {@code .revoked}. */
@FunctionalInterface
public interface ScreenerNotifier {
  /** A notifier that tells no one. */
  ScreenerNotifier NONE = (festival, event, data) -> { };

  /** Reports {@code event} of {@code festival}; must not block (called from workers). */
  void notify(Festival festival, String event, JsonObject data);
}
