package org.screenroom.server.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Screenroom-Signature} of a webhook: {@code sha256=HEX}, the HMAC-SHA256 with the
 * festival's secret of {@code TIMESTAMP.BODY}. The timestamp (epoch seconds, also sent as
 * {@code X-Screenroom-Timestamp}) lets receivers refuse replays. Pure.
 */
public final class WebhookSignature {
  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code timestamp}. */
  public static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sum = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(sum);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
