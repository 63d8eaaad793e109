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
  private final boolean bindNetwork;
  private final SecureRandom random = new SecureRandom();

  /** Creates the issuer; URLs live for {@code ttl} and work from any network. */
  public PlaybackIssuer(TokenSigner signer, Clock clock, Duration ttl) {
    this(signer, clock, ttl, false);
  }

  /**
   * Creates the issuer; URLs live for {@code ttl} and, when {@code bindNetwork}, work only from
   * the network ({@link IpPrefix}) of the client they were issued to.
   */
  public PlaybackIssuer(TokenSigner signer, Clock clock, Duration ttl, boolean bindNetwork) {
    this.signer = signer;
    this.clock = clock;
    this.ttl = ttl;
    this.bindNetwork = bindNetwork;
  }

  /** The playback answer {@code {"hls", "dash", "expiresAt"}} for {@code filmId}, any network. */
  public JsonObject issue(String baseUrl, String filmId, Optional<Account> caller) {
    return issue(baseUrl, filmId, caller, null);
  }

  /**
   * The playback answer for {@code filmId} asked for from {@code clientAddress} (an IP literal,
   * null when unknown), bound to its network when the issuer binds.
   */
  public JsonObject issue(String baseUrl, String filmId, Optional<Account> caller,
      String clientAddress) {
    Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
    String viewer = caller.map(a -> "a-" + a.id()).orElseGet(this::anonymousViewer);
    Optional<IpPrefix> network = bindNetwork ? IpPrefix.of(clientAddress) : Optional.empty();
    String token = signer.sign(filmId, viewer, expiresAt, network);
    String prefix = baseUrl + "/play/" + token + "/" + filmId + "/";
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
