package org.screenroom.server.http;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The absolute base URL links are built on: the configured public URL, else the request's own
 * scheme and {@code Host}. A hostile Host header (anything but a host name or address with an
 * optional port) is not echoed into links; the server's bound address is used instead.
 */
public final class BaseUrl {
  private static final Pattern HOST =
      Pattern.compile("(?:[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,10}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?");

  private BaseUrl() {}

  /** The base URL (no trailing slash) for a request. */
  public static String of(Optional<String> configured, String scheme, String hostHeader,
      String fallbackHostPort) {
    if (configured.isPresent()) {
      return configured.get();
    }
    String s = "https".equals(scheme) ? "https" : "http";
    if (hostHeader != null && HOST.matcher(hostHeader).matches()) {
      return s + "://" + hostHeader;
    }
    return s + "://" + fallbackHostPort;
  }
}
