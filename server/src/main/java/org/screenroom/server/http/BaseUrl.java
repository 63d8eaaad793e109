package org.screenroom.server.http;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The absolute base URL links are built on: the configured public URL, else the request's own
 * scheme and {@code Host}. A hostile Host header (anything but a host name or address with an
 * optional port) is not echoed into links; the server's bound address is used instead.
 */
public final class BaseUrl {
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern HOST = Pattern.compile(
      "(" + LABEL + "(?:\\." + LABEL + "){0,10}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::(\\d{1,5}))?");
  private static final int MAX_PORT = 65_535;

  private BaseUrl() {}

  /** The base URL (no trailing slash) for a request. */
  public static String of(Optional<String> configured, String scheme, String hostHeader,
      String fallbackHostPort) {
    if (configured.isPresent()) {
      return configured.get();
    }
    String s = "https".equals(scheme) ? "https" : "http";
    if (hostHeader != null) {
      java.util.regex.Matcher m = HOST.matcher(hostHeader);
      if (m.matches() && (m.group(2) == null || Integer.parseInt(m.group(2)) <= MAX_PORT)) {
        return s + "://" + hostHeader;
      }
    }
    return s + "://" + fallbackHostPort;
  }
}
