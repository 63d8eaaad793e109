package org.screenroom.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF token of a session: {@code base64url(HMAC-SHA256(key = session secret, "screenroom
 * csrf v1"))}. It is bound to the session, stored nowhere, and the same on every server sharing
 * the catalog. Knowing it reveals nothing of the session secret. The server compares the
 * {@code X-CSRF-Token} header with the value derived from the {@code sr_session} cookie; the
 * readable {@code sr_csrf} cookie is only a copy for the page and is never trusted.
 */
public final class CsrfToken {
  private static final byte[] PURPOSE = "screenroom csrf v1".getBytes(StandardCharsets.UTF_8);
  private static final int MAX_HEADER = 128;

  private CsrfToken() {}

  /** The CSRF token for the session whose cookie secret is {@code sessionSecret}. */
  public static String of(String sessionSecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(sessionSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(PURPOSE));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  /** Whether {@code header} is the CSRF token of {@code sessionSecret} (constant time). */
  public static boolean matches(String sessionSecret, String header) {
    if (header == null || header.isEmpty() || header.length() > MAX_HEADER) {
      return false;
    }
    return MessageDigest.isEqual(of(sessionSecret).getBytes(StandardCharsets.UTF_8),
        header.getBytes(StandardCharsets.UTF_8));
  }
}
