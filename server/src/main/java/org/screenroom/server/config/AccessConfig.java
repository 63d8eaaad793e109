package org.screenroom.server.config;

import java.time.Duration;
import java.util.Map;
import org.screenroom.catalog.account.LoginThrottle;
import org.screenroom.server.http.TrustedProxies;

/**
 * Who the client is and how long and how often it may try: the proxies trusted to name the
 * client address, browser session lifetimes and the sign-in throttle (which also counts wrong
 * screener passcodes), validated by {@link ConfigLoader}.
 *
 * @param trustedProxies load balancers whose forwarding header names the client
 *     ({@code trusted-proxies}, {@code proxy-header}); none by default
 * @param sessionIdle a browser session ends after this long without a request
 * @param sessionLifetime a browser session ends this long after sign-in, however much it is used
 * @param loginPolicy when failed sign-ins (and passcodes) lock a username, an address or both
 */
public record AccessConfig(
    TrustedProxies trustedProxies,
    Duration sessionIdle,
    Duration sessionLifetime,
    LoginThrottle.Policy loginPolicy) {

  /** DEFAULT of {@code session-idle}. */
  public static final Duration DEFAULT_SESSION_IDLE = Duration.ofHours(12);
  /** DEFAULT of {@code session-lifetime}. */
  public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofDays(30);

  /** The defaults: no proxy trusted, 12 h idle / 30 d sessions, {@link LoginThrottle.Policy#defaults()}. */
  public static AccessConfig defaults() {
    return new AccessConfig(TrustedProxies.NONE, DEFAULT_SESSION_IDLE, DEFAULT_SESSION_LIFETIME,
        LoginThrottle.Policy.defaults());
  }

  /** Adds the printable settings to {@code out}. */
  void describe(Map<String, String> out) {
    out.put("trusted-proxies", trustedProxies.describe());
    out.put("session-idle", sessionIdle.toString());
    out.put("session-lifetime", sessionLifetime.toString());
    LoginThrottle.Policy p = loginPolicy;
    out.put("login-throttle", p.perUserAndAddress().limit() + " per username and address, "
        + p.perAddress().limit() + " per address, " + p.perUser().limit() + " per username; locks "
        + p.perUserAndAddress().firstLock() + " doubling to " + p.perUserAndAddress().maxLock()
        + "; counts clear after " + p.quietReset());
  }
}
