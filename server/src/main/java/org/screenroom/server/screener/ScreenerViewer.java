package org.screenroom.server.screener;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The viewer part of a screener's playback token: {@code s-PASS-SESSION}, a 12-character pass id
 * and a 22-character session id (both base64url, so the fixed lengths, not the dashes, split it).
 *
 * @param passId the pass
 * @param sessionId the playback session the token was issued for
 */
public record ScreenerViewer(String passId, String sessionId) {
  private static final Pattern SHAPE = Pattern.compile("s-([A-Za-z0-9_-]{12})-([A-Za-z0-9_-]{22})");

  /** Parses a token's viewer; empty when it is not a screener's. */
  public static Optional<ScreenerViewer> parse(String viewer) {
    if (viewer == null) {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(viewer);
    return m.matches() ? Optional.of(new ScreenerViewer(m.group(1), m.group(2))) : Optional.empty();
  }

  /** The text placed in the token. */
  public String text() {
    return "s-" + passId + "-" + sessionId;
  }
}
