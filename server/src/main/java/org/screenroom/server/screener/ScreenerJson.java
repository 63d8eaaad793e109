package org.screenroom.server.screener;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.screenroom.catalog.festival.Festival;
import org.screenroom.catalog.festival.ScreenerPass;

/** JSON renderings of festivals and passes, pure. */
public final class ScreenerJson {
  private ScreenerJson() {}

  /** A festival as its manager sees it (the webhook secret is never echoed). */
  public static JsonObject festival(Festival f) {
    return new JsonObject().put("id", f.id()).put("ownerId", f.ownerId()).put("name", f.name())
        .put("edition", f.edition()).put("startsOn", f.startsOn()).put("endsOn", f.endsOn())
        .put("webhookUrl", f.webhookUrl()).put("webhookSecretSet", f.webhookSecret() != null)
        .put("filmIds", new JsonArray(f.filmIds())).put("createdAt", f.createdAt().toString());
  }

  /** The juror's address of a pass. */
  public static String url(String baseUrl, ScreenerPass p) {
    return baseUrl + "/s/" + p.code();
  }

  /** A pass as the festival sees it, with its code and URL. */
  public static JsonObject pass(ScreenerPass p, String baseUrl, Instant now) {
    return new JsonObject().put("id", p.id()).put("festivalId", p.festivalId())
        .put("jurorName", p.jurorName()).put("jurorEmail", p.jurorEmail()).put("code", p.code())
        .put("url", url(baseUrl, p)).put("filmIds", new JsonArray(p.filmIds()))
        .put("passcode", p.hasPasscode()).put("opensAt", text(p.opensAt()))
        .put("expiresAt", p.expiresAt().toString()).put("maxPlays", p.maxPlays())
        .put("maxDevices", p.maxDevices()).put("maxStreams", p.maxStreams())
        .put("termsAcceptedAt", text(p.termsAcceptedAt())).put("revokedAt", text(p.revokedAt()))
        .put("status", status(p, now)).put("createdAt", p.createdAt().toString());
  }

  /** {@code scheduled}, {@code open}, {@code expired} or {@code revoked}. */
  public static String status(ScreenerPass p, Instant now) {
    return PassPolicy.window(p.opensAt(), p.expiresAt(), p.revokedAt(), now)
        .map(r -> switch (r) {
          case REVOKED -> "revoked";
          case EXPIRED -> "expired";
          default -> "scheduled";
        }).orElse("open");
  }

  static String text(Instant i) {
    return i == null ? null : i.toString();
  }
}
