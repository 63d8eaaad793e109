package org.screenroom.server.auth;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.account.ApiTokenStore;
import org.screenroom.catalog.account.SessionStore;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;

/**
 * Resolves the caller of an API request: {@code Authorization: Bearer TOKEN} wins; else the
 * {@code sr_session} cookie; else anonymous. A request authenticated by the cookie that changes
 * state must carry the session's {@link CsrfToken} in {@code X-CSRF-Token} and must not come from
 * another site ({@link RequestSite}); token requests need neither, browsers do not send tokens
 * on their own. Token and session look-ups run on workers and cache nothing, so a sign-out or a
 * revocation holds on every server at once.
 */
public final class AuthHandler {
  /** The header carrying the session's CSRF token. */
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String ACCOUNT = "screenroom.account";
  private static final String SESSION = "screenroom.session";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final ApiTokenStore tokens;
  private final SessionStore sessions;
  private final SessionCookies cookies;
  private final Optional<String> publicUrl;
  private final Blocking blocking;

  /** Creates the handler; {@code publicUrl} is the configured public URL, if any. */
  public AuthHandler(ApiTokenStore tokens, SessionStore sessions, SessionCookies cookies,
      Optional<String> publicUrl, Blocking blocking) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.cookies = cookies;
    this.publicUrl = publicUrl;
    this.blocking = blocking;
  }

  /** The caller resolved by {@link #resolve}, or empty for an anonymous caller. */
  public static Optional<Account> caller(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(ACCOUNT));
  }

  /** The session secret when the caller was authenticated by the session cookie. */
  public static Optional<String> sessionSecret(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(SESSION));
  }

  /** The caller, or a 401 when anonymous. */
  public static Account requireCaller(RoutingContext ctx) {
    return caller(ctx).orElseThrow(() -> ApiError.of(401, "Sign in first: POST /api/session "
        + "(the studio does), or send an API token as 'Authorization: Bearer TOKEN' "
        + "(POST /api/tokens gives one)."));
  }

  /** Whether {@code request} may change state (anything but GET, HEAD and OPTIONS). */
  public static boolean changesState(HttpServerRequest request) {
    return !SAFE.contains(request.method());
  }

  /** Whether a browser sent {@code request} from another site. */
  public boolean isCrossSite(HttpServerRequest request) {
    // authority() is the Host header under HTTP/1.1 and :authority under HTTP/2.
    var authority = request.authority();
    String host = authority == null ? null
        : authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
    return RequestSite.isCrossSite(request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"),
        host, publicUrl);
  }

  /** Guard: a bearer token, else the session cookie, else anonymous. */
  public void resolve(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null) {
      bearer(ctx, header);
      return;
    }
    Optional<String> secret = SessionCookies.secret(ctx.request()).filter(SessionStore::isWellFormed);
    if (secret.isEmpty()) {
      ctx.next(); // no cookie, or junk no server made: anonymous
      return;
    }
    if (changesState(ctx.request())) {
      if (isCrossSite(ctx.request())) {
        ctx.fail(ApiError.of(403, "This request came from another site: the sign-in cookie "
            + "only works from Screenroom's own pages."));
        return;
      }
      if (!CsrfToken.matches(secret.get(), ctx.request().getHeader(CSRF_HEADER))) {
        ctx.fail(ApiError.of(403, "Send the csrfToken of your session in the " + CSRF_HEADER
            + " header (it comes with POST /api/session and GET /api/me)."));
        return;
      }
    }
    blocking.run(() -> sessions.authenticate(secret.get())).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      if (ar.result().isPresent()) {
        ctx.put(ACCOUNT, ar.result().get());
        ctx.put(SESSION, secret.get());
      } else {
        cookies.clear(ctx.request(), ctx.response()); // ended or unknown: anonymous from now on
      }
      ctx.next();
    });
  }

  private void bearer(RoutingContext ctx, String header) {
    Optional<String> token = Credentials.bearer(header);
    if (token.isEmpty()) {
      ctx.fail(ApiError.of(401, "Send the API token as 'Authorization: Bearer TOKEN'."));
      return;
    }
    blocking.run(() -> tokens.authenticate(token.get())).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().isEmpty()) {
        ctx.fail(ApiError.of(401,
            "This API token is unknown or revoked: get a new one with POST /api/tokens."));
      } else {
        ctx.put(ACCOUNT, ar.result().get());
        ctx.next();
      }
    });
  }
}
