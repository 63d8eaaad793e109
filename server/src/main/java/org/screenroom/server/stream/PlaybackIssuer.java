package org.screenroom.server.stream;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.screenroom.catalog.account.Account;

/** Issues signed playback URLs: the HLS master and DASH manifest of one film, for one viewer. */
public final class PlaybackIssuer {
  private static final char[] ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
  private final TokenSigner signer;
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();

  /** Creates the issuer; URLs live for {@code ttl}. */
  public PlaybackIssuer(TokenSigner signer, Clock clock, Duration ttl) {
    this.signer = signer;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The playback answer {@code {"hls", "dash", "expiresAt"}} for {@code filmId}. */
  public JsonObject issue(String baseUrl, String filmId, Optional<Account> caller) {
    Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
    String viewer = caller.map(a -> "a-" + a.id()).orElseGet(this::anonymousViewer);
    String prefix = baseUrl + "/play/" + signer.sign(filmId, viewer, expiresAt) + "/" + filmId + "/";
    return new JsonObject()
        .put("hls", prefix + "master.m3u8")
        .put("dash", prefix + "manifest.mpd")
        .put("expiresAt", expiresAt.toString());
  }

  private String anonymousViewer() {
    char[] out = new char[16];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return "v-" + new String(out);
  }
}
