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
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.screenroom.catalog.keys.SigningKey;

/**
 * Signs and checks playback tokens with HMAC-SHA256, entirely in memory (it sits on the segment
 * hot path). A token is one URL path segment, {@code KID.EXPIRY.VIEWER.SIGNATURE}, placed before
 * the film id so that every relative URL in a playlist inherits it.
 *
 * <p>The signature covers the film id too, so a token cannot be moved to another film.
 */
public final class TokenSigner {
  private static final String ALGORITHM = "HmacSHA256";
  private static final String VERSION = "v1";
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Map<String, byte[]> secrets = new LinkedHashMap<>();
  private final String signingKid;
  private final Clock clock;

  /**
   * Creates a signer that signs with the first of {@code keys} and accepts all of them.
   *
   * @throws IllegalArgumentException when {@code keys} is empty
   */
  public TokenSigner(List<SigningKey> keys, Clock clock) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one signing key is required");
    }
    keys.forEach(k -> secrets.put(k.kid(), k.secret().clone()));
    this.signingKid = keys.get(0).kid();
    this.clock = clock;
  }

  /** The token text for {@code token}, which must name the signing key. */
  public String sign(String filmId, String viewer, Instant expiresAt) {
    if (!PART.matcher(viewer).matches() || !PART.matcher(filmId).matches()) {
      throw new IllegalArgumentException("film id and viewer must be URL-safe: " + filmId + ", " + viewer);
    }
    String exp = Long.toString(expiresAt.getEpochSecond(), 36);
    String signature = mac(secrets.get(signingKid), filmId, viewer, exp, signingKid);
    return signingKid + "." + exp + "." + viewer + "." + signature;
  }

  /** Checks {@code text} as a token for {@code filmId} at the clock's current instant. */
  public TokenCheck check(String text, String filmId) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return TokenCheck.MALFORMED;
    }
    for (String part : parts) {
      if (!PART.matcher(part).matches()) {
        return TokenCheck.MALFORMED;
      }
    }
    byte[] secret = secrets.get(parts[0]);
    if (secret == null) {
      return TokenCheck.UNKNOWN_KEY;
    }
    String expected = mac(secret, filmId, parts[2], parts[1], parts[0]);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        parts[3].getBytes(StandardCharsets.US_ASCII))) {
      return TokenCheck.BAD_SIGNATURE;
    }
    long expiry;
    try {
      expiry = Long.parseLong(parts[1], 36);
    } catch (NumberFormatException e) {
      return TokenCheck.MALFORMED;
    }
    // The token is valid up to and including its expiry second.
    return clock.instant().getEpochSecond() > expiry ? TokenCheck.EXPIRED : TokenCheck.VALID;
  }

  /** Decodes a token already known to be {@link TokenCheck#VALID}. */
  public static PlaybackToken decode(String text, String filmId) {
    String[] parts = text.split("\\.", -1);
    return new PlaybackToken(filmId, parts[2], Instant.ofEpochSecond(Long.parseLong(parts[1], 36)),
        parts[0]);
  }

  private static String mac(byte[] secret, String filmId, String viewer, String exp, String kid) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      String message = String.join("|", VERSION, filmId, viewer, exp, kid);
      return B64.encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
