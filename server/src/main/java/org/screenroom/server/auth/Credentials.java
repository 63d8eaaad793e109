package org.screenroom.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Pure parsers for the {@code Authorization} header. */
public final class Credentials {
  private static final int MAX_HEADER = 4096;

  private Credentials() {}

  /** A username and password from HTTP Basic. */
  public record Basic(String username, String password) {}

  /** Parses {@code Basic BASE64(user:password)}; empty for anything else or malformed input. */
  public static Optional<Basic> basic(String header) {
    Optional<String> value = scheme(header, "basic");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(value.get()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0 || decoded.chars().anyMatch(Character::isISOControl)) {
        return Optional.empty();
      }
      return Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The token of {@code Bearer TOKEN}; empty for anything else. */
  public static Optional<String> bearer(String header) {
    return scheme(header, "bearer").filter(t -> t.matches("[A-Za-z0-9._~+/=-]{1,512}"));
  }

  private static Optional<String> scheme(String header, String scheme) {
    if (header == null || header.length() > MAX_HEADER) {
      return Optional.empty();
    }
    int space = header.indexOf(' ');
    if (space <= 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals(scheme)) {
      return Optional.empty();
    }
    String value = header.substring(space + 1).trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
