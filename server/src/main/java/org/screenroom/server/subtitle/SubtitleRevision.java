package org.screenroom.server.subtitle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The revision name of a subtitle track's files in a published package: the first 12 hex digits
 * of the SHA-256 of its WebVTT text and the package length its playlist states. The same text
 * gets the same name (an unchanged track keeps its URLs); any change gets a new one, so a URL
 * served as immutable never names other bytes. Pure.
 */
public final class SubtitleRevision {
  private static final int LENGTH = 12;

  private SubtitleRevision() {}

  /** The revision of {@code vtt} in a package of {@code seconds}. */
  public static String of(String vtt, double seconds) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(vtt.getBytes(StandardCharsets.UTF_8));
      sha.update(("\n" + seconds).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
