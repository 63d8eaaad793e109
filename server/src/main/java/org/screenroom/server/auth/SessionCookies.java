package org.screenroom.server.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The two sign-in cookies: {@code sr_session} (the secret; HttpOnly, so page scripts never see
 * it) and {@code sr_csrf} (a readable copy of the session's {@link CsrfToken} for the page).
 * Both are {@code SameSite=Lax; Path=/}, and {@code Secure} when the request came over https or
 * the configured public URL is https (a TLS-terminating proxy in front).
 */
public final class SessionCookies {
  /** The session cookie's name. */
  public static final String SESSION = "sr_session";
  /** The readable CSRF cookie's name. */
  public static final String CSRF = "sr_csrf";

  private final boolean publicUrlIsHttps;

  /** Creates the cookie policy for a server reached at {@code publicUrl}, if configured. */
  public SessionCookies(Optional<String> publicUrl) {
    this.publicUrlIsHttps = publicUrl.map(u -> u.regionMatches(true, 0, "https:", 0, 6)).orElse(false);
  }

  /** The session secret the request carries, if any (unchecked). */
  public static Optional<String> secret(HttpServerRequest request) {
    return Optional.ofNullable(request.getCookie(SESSION)).map(Cookie::getValue);
  }

  /** Sets both cookies for a new session living {@code maxAge}. */
  public void set(HttpServerRequest request, HttpServerResponse response, String secret,
      Duration maxAge) {
    response.addCookie(cookie(request, SESSION, secret, maxAge.toSeconds()).setHttpOnly(true));
    response.addCookie(cookie(request, CSRF, CsrfToken.of(secret), maxAge.toSeconds()));
  }

  /** Tells the browser to forget both cookies. */
  public void clear(HttpServerRequest request, HttpServerResponse response) {
    response.addCookie(cookie(request, SESSION, "", 0).setHttpOnly(true));
    response.addCookie(cookie(request, CSRF, "", 0));
  }

  private Cookie cookie(HttpServerRequest request, String name, String value, long maxAgeSeconds) {
    return Cookie.cookie(name, value).setPath("/").setSameSite(CookieSameSite.LAX)
        .setMaxAge(maxAgeSeconds)
        .setSecure(publicUrlIsHttps || "https".equals(request.scheme()));
  }
}
