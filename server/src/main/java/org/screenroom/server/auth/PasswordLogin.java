package org.screenroom.server.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.LoginThrottle;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;

/**
 * A password check behind the {@link LoginThrottle}, shared by {@code POST /api/session} and
 * {@code POST /api/tokens}. A locked-out attempt is refused before the password is hashed, so
 * the right password does not get through and guessing costs the server nothing.
 */
public final class PasswordLogin {
  private final AccountStore accounts;
  private final LoginThrottle throttle;
  private final Blocking blocking;

  /** Creates the login. */
  public PasswordLogin(AccountStore accounts, LoginThrottle throttle, Blocking blocking) {
    this.accounts = accounts;
    this.throttle = throttle;
    this.blocking = blocking;
  }

  /**
   * Checks {@code username} and {@code password} from the request's client address, on a worker.
   * Completes with the account, or empty for wrong credentials; fails with a 429
   * {@link ApiError} (with {@code Retry-After} set) while locked out.
   */
  public Future<Optional<Account>> check(RoutingContext ctx, String username, String password) {
    String address = clientAddress(ctx);
    return blocking.run(() -> {
      Optional<Duration> wait = throttle.retryAfter(username, address);
      if (wait.isPresent()) {
        return new Attempt(Optional.empty(), wait);
      }
      Optional<Account> account = accounts.authenticate(username, password);
      if (account.isPresent()) {
        throttle.succeeded(username, address);
      } else {
        throttle.failed(username, address);
      }
      return new Attempt(account, Optional.empty());
    }).compose(attempt -> {
      if (attempt.retryAfter().isPresent()) {
        long seconds = retryAfterSeconds(attempt.retryAfter().get());
        return Future.failedFuture(ApiError.tooManyRequests("Too many failed sign-ins: wait "
            + seconds + " seconds, then try again.", seconds));
      }
      return Future.succeededFuture(attempt.account());
    });
  }

  private record Attempt(Optional<Account> account, Optional<Duration> retryAfter) {}

  /** Whole seconds to wait, rounded up, at least 1 (pure). */
  public static long retryAfterSeconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  /**
   * The client address: the peer's, or the one a trusted proxy names for it (so that behind a
   * load balancer each client is throttled on its own, not all of them as the balancer).
   */
  private static String clientAddress(RoutingContext ctx) {
    return org.screenroom.server.http.ClientAddress.of(ctx);
  }
}
