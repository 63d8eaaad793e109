package org.screenroom.server.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Pure check of where a browser request comes from, from {@code Sec-Fetch-Site} and
 * {@code Origin}. A defence in depth beside the CSRF token for requests authenticated by the
 * session cookie: a browser sends these headers, scripts and old browsers may not, and a request
 * with neither is let through to the token check.
 */
public final class RequestSite {
  // "same-site" is refused too: a sibling subdomain is not necessarily ours.
  private static final Set<String> ALLOWED_FETCH_SITES = Set.of("same-origin", "none");

  private RequestSite() {}

  /**
   * Whether a request is cross-site.
   *
   * @param origin the {@code Origin} header, or null
   * @param fetchSite the {@code Sec-Fetch-Site} header, or null
   * @param host the {@code Host} header, or null
   * @param publicUrl the configured public URL, if any
   */
  public static boolean isCrossSite(String origin, String fetchSite, String host,
      Optional<String> publicUrl) {
    if (fetchSite != null && !ALLOWED_FETCH_SITES.contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (origin == null) {
      return false;
    }
    Optional<URI> from = parse(origin.strip());
    if (from.isEmpty()) {
      return true;
    }
    String authority = from.get().getRawAuthority().toLowerCase(Locale.ROOT);
    if (host != null && authority.equals(host.strip().toLowerCase(Locale.ROOT))) {
      return false;
    }
    return publicUrl.flatMap(RequestSite::parse)
        .map(pub -> !(pub.getScheme().equalsIgnoreCase(from.get().getScheme())
            && pub.getRawAuthority().equalsIgnoreCase(authority)))
        .orElse(true);
  }

  /** An http(s) origin with an authority and nothing else of note; empty for "null" or junk. */
  private static Optional<URI> parse(String origin) {
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme();
      if (scheme == null || uri.getRawAuthority() == null || uri.getRawUserInfo() != null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
