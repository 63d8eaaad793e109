package org.screenroom.server.screener;

import io.vertx.core.json.JsonObject;
import org.screenroom.catalog.festival.ScreenerPass;

/** The data of screener notifications, pure. */
final class Notifications {
  private Notifications() {}

  /** The pass as a notification names it (no code: the payload may be logged elsewhere). */
  static JsonObject pass(ScreenerPass p) {
    return new JsonObject().put("screenerId", p.id()).put("festivalId", p.festivalId())
        .put("jurorName", p.jurorName()).put("jurorEmail", p.jurorEmail());
  }
}
