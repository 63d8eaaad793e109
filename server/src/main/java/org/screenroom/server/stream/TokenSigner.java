package org.screenroom.server.stream;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.screenroom.catalog.keys.SigningKey;

/**
 * Signs and checks playback tokens with HMAC-SHA256, entirely in memory (it sits on the segment
 * hot path). A token is one URL path segment placed before the film id, so that every relative
 * URL in a playlist inherits it:
 *
 * <ul>
 *   <li>{@code KID.EXPIRY.VIEWER.SIGNATURE}, or
 *   <li>{@code KID.EXPIRY.VIEWER.NETWORK.SIGNATURE} when bound to the viewer's network
 *       ({@link IpPrefix}: 4 characters for an IPv4 /24, 8 for an IPv6 /48).
 * </ul>
 *
 * <p>The signature covers the film id too, so a token cannot be moved to another film. Keys
 * rotate: the newest key signs, every key handed to {@link #update} still verifies.
 */
public final class TokenSigner {
  private static final String ALGORITHM = "HmacSHA256";
  private static final String VERSION = "v1";
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  // Viewer ids may hold a colon (e.g. "s:PASS" for a screener pass): a legal path character.
  private static final Pattern VIEWER = Pattern.compile("[A-Za-z0-9_:-]{1,64}");
  private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9_-]{4}|[A-Za-z0-9_-]{8}");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance(ALGORITHM);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  });

  /** The keys in force: an immutable snapshot swapped whole on rotation. */
  private record KeyRing(Map<String, SecretKeySpec> secrets, String signingKid) {}

  private volatile KeyRing ring;
  private final Clock clock;

  /**
   * Creates a signer that signs with the first of {@code keys} and accepts all of them.
   *
   * @throws IllegalArgumentException when {@code keys} is empty
   */
  public TokenSigner(List<SigningKey> keys, Clock clock) {
    this.clock = clock;
    update(keys);
  }

  /**
   * Replaces the keys in force (after a rotation): the first signs from now on, all of them
   * verify; a kid no longer listed is refused as {@link TokenCheck#UNKNOWN_KEY}.
   *
   * @throws IllegalArgumentException when {@code keys} is empty
   */
  public void update(List<SigningKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one signing key is required");
    }
    Map<String, SecretKeySpec> secrets = new LinkedHashMap<>();
    keys.forEach(k -> secrets.put(k.kid(), new SecretKeySpec(k.secret().clone(), ALGORITHM)));
    this.ring = new KeyRing(Map.copyOf(secrets), keys.get(0).kid());
  }

  /** The kid new tokens are signed with. */
  public String signingKid() {
    return ring.signingKid();
  }

  /**
   * The token text for {@code filmId} and {@code viewer} until {@code expiresAt}, valid from any
   * network.
   *
   * @throws IllegalArgumentException when the film id or viewer is not URL-safe
   */
  public String sign(String filmId, String viewer, Instant expiresAt) {
    return sign(filmId, viewer, expiresAt, Optional.empty());
  }

  /**
   * The token text, bound to {@code network} when present (a request from another network is
   * then refused with {@link TokenCheck#WRONG_NETWORK}).
   *
   * @throws IllegalArgumentException when the film id or viewer is not URL-safe
   */
  public String sign(String filmId, String viewer, Instant expiresAt, Optional<IpPrefix> network) {
    if (!VIEWER.matcher(viewer).matches() || !PART.matcher(filmId).matches()) {
      throw new IllegalArgumentException("film id and viewer must be URL-safe: " + filmId + ", " + viewer);
    }
    KeyRing keys = ring;
    String kid = keys.signingKid();
    String exp = Long.toString(expiresAt.getEpochSecond(), 36);
    String net = network.map(IpPrefix::encoded).orElse(null);
    String signature = mac(keys.secrets().get(kid), filmId, viewer, exp, kid, net);
    return kid + "." + exp + "." + viewer + "." + (net == null ? "" : net + ".") + signature;
  }

  /**
   * Checks {@code text} as a token for {@code filmId} at the clock's current instant, from an
   * unknown network (a network-bound token is refused).
   */
  public TokenCheck check(String text, String filmId) {
    return check(text, filmId, null);
  }

  /**
   * Checks {@code text} as a token for {@code filmId} presented from {@code clientAddress} (an
   * IP literal; null when unknown) at the clock's current instant.
   */
  public TokenCheck check(String text, String filmId, String clientAddress) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4 && parts.length != 5) {
      return TokenCheck.MALFORMED;
    }
    String kid = parts[0];
    String exp = parts[1];
    String viewer = parts[2];
    String net = parts.length == 5 ? parts[3] : null;
    String signature = parts[parts.length - 1];
    if (!PART.matcher(kid).matches() || !PART.matcher(exp).matches()
        || !VIEWER.matcher(viewer).matches() || !PART.matcher(signature).matches()
        || (net != null && !NETWORK.matcher(net).matches())) {
      return TokenCheck.MALFORMED;
    }
    SecretKeySpec secret = ring.secrets().get(kid);
    if (secret == null) {
      return TokenCheck.UNKNOWN_KEY;
    }
    String expected = mac(secret, filmId, viewer, exp, kid, net);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      return TokenCheck.BAD_SIGNATURE;
    }
    long expiry;
    try {
      expiry = Long.parseLong(exp, 36);
    } catch (NumberFormatException e) {
      return TokenCheck.MALFORMED;
    }
    // The token is valid up to and including its expiry second.
    if (clock.instant().getEpochSecond() > expiry) {
      return TokenCheck.EXPIRED;
    }
    if (net != null && !IpPrefix.of(clientAddress).map(IpPrefix::encoded).orElse("").equals(net)) {
      return TokenCheck.WRONG_NETWORK;
    }
    return TokenCheck.VALID;
  }

  /** Decodes a token already known to be {@link TokenCheck#VALID}. */
  public static PlaybackToken decode(String text, String filmId) {
    String[] parts = text.split("\\.", -1);
    return new PlaybackToken(filmId, parts[2], Instant.ofEpochSecond(Long.parseLong(parts[1], 36)),
        parts[0]);
  }

  private static String mac(SecretKeySpec secret, String filmId, String viewer, String exp,
      String kid, String net) {
    Mac mac = MACS.get();
    try {
      mac.init(secret);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("an HMAC key of any length is valid", e);
    }
    String message = net == null
        ? String.join("|", VERSION, filmId, viewer, exp, kid)
        : String.join("|", VERSION, filmId, viewer, exp, kid, net);
    return B64.encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }
}
