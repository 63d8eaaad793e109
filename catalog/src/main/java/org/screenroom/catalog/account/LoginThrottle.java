package org.screenroom.catalog.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Timestamps;

/**
 * Slows password guessing. Failed logins are counted in the catalog (so every server sharing it
 * agrees) under three keys, each with its own {@link Rule}:
 *
 * <ul>
 *   <li>the username from one address: a few guesses, then exponential lock-outs. This is the
 *       key that stops ordinary guessing, and it locks out only that address;
 *   <li>the address, whatever the usernames: stops one client spraying many accounts;
 *   <li>the username from anywhere: a much higher limit, so slowing a distributed attack does not
 *       hand any single client the power to lock an account out.
 * </ul>
 *
 * <p>A count restarts after {@link Policy#quietReset} without failures or lock-out; a lock-out never exceeds
 * its rule's cap, and attempts refused while locked are not counted, so no one can extend a
 * lock-out by hammering. A success clears the username's counts (never the address's, or an
 * attacker with an account of their own could launder their address). Existing sessions and API
 * tokens are never affected. Every method blocks on JDBC: call it from a worker.
 */
public final class LoginThrottle {
  private static final int MAX_KEY_PART = 128;
  private static final String LOCKED = """
      SELECT MAX(locked_until) FROM login_failures
      WHERE key IN (<keys>) AND locked_until > :now
      """;
  private static final String FIND =
      "SELECT failures, last_failure_at, locked_until FROM login_failures WHERE key = :key";
  private static final String UPSERT = """
      INSERT INTO login_failures (key, failures, last_failure_at, locked_until)
      VALUES (:key, :failures, :now, :lockedUntil)
      ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
          last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until
      """;
  private static final String CLEAR = "DELETE FROM login_failures WHERE key IN (<keys>)";
  private static final String PURGE = """
      DELETE FROM login_failures WHERE COALESCE(locked_until, last_failure_at) <= :quietCutoff
      """;

  /**
   * When one key locks.
   *
   * @param limit failures allowed before the first lock-out
   * @param firstLock the first lock-out; each further failure doubles it
   * @param maxLock the longest lock-out
   */
  public record Rule(int limit, Duration firstLock, Duration maxLock) {
    /** Checks the values. */
    public Rule {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1");
      }
      if (firstLock.isNegative() || firstLock.isZero() || maxLock.compareTo(firstLock) < 0) {
        throw new IllegalArgumentException("lock-outs must be positive, the cap no shorter than the first");
      }
    }

    /** The lock-out after {@code failures} consecutive failures, if any (pure). */
    public Optional<Duration> lockAfter(int failures) {
      if (failures < limit) {
        return Optional.empty();
      }
      int doublings = Math.min(failures - limit, 30);
      Duration lock = firstLock.multipliedBy(1L << doublings);
      return Optional.of(lock.compareTo(maxLock) > 0 ? maxLock : lock);
    }
  }

  /**
   * The rules for each key, and how long without failures clears a count.
   *
   * @param perUserAndAddress a username from one address
   * @param perAddress an address, whatever the usernames
   * @param perUser a username from anywhere
   */
  public record Policy(Duration quietReset, Rule perUserAndAddress, Rule perAddress, Rule perUser) {
    /**
     * 5 failures for a username from one address, 30 from one address, 100 for a username from
     * anywhere; lock-outs from 1 minute doubling up to 15 minutes; counts clear after 15 quiet
     * minutes.
     */
    public static Policy defaults() {
      Duration minute = Duration.ofMinutes(1);
      Duration cap = Duration.ofMinutes(15);
      return new Policy(Duration.ofMinutes(15), new Rule(5, minute, cap), new Rule(30, minute, cap),
          new Rule(100, minute, cap));
    }
  }

  private final Jdbi jdbi;
  private final Clock clock;
  private final Policy policy;

  /** Creates the throttle over {@code database}. */
  public LoginThrottle(Database database, Clock clock, Policy policy) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** How long a login for {@code username} from {@code address} must wait; empty when allowed. */
  public Optional<Duration> retryAfter(String username, String address) {
    Instant now = clock.instant();
    Optional<String> until = jdbi.withHandle(h -> h.createQuery(LOCKED)
        .bindList("keys", keys(username, address)).bind("now", Timestamps.format(now))
        .mapTo(String.class).findOne());
    return until.map(Timestamps::parse).map(u -> Duration.between(now, u));
  }

  /** Counts a failed login for {@code username} from {@code address}. */
  public void failed(String username, String address) {
    Instant now = clock.instant();
    List<String> keys = keys(username, address);
    List<Rule> rules = List.of(policy.perUserAndAddress(), policy.perAddress(), policy.perUser());
    jdbi.useTransaction(h -> {
      // A write first, so the transaction holds the write lock before it reads.
      h.createUpdate(PURGE).bind("now", Timestamps.format(now))
          .bind("quietCutoff", Timestamps.format(now.minus(policy.quietReset()))).execute();
      for (int i = 0; i < keys.size(); i++) {
        count(h, keys.get(i), rules.get(i), now);
      }
    });
  }

  private void count(Handle h, String key, Rule rule, Instant now) {
    // Quiet time counts from the end of the last lock-out, so a capped lock-out is followed by
    // another, not by a fresh allowance.
    int previous = h.createQuery(FIND).bind("key", key)
        .map((rs, ctx) -> quietSince(rs.getString("last_failure_at"), rs.getString("locked_until"))
            .plus(policy.quietReset()).isAfter(now) ? rs.getInt("failures") : 0)
        .findOne().orElse(0);
    int failures = previous + 1;
    h.createUpdate(UPSERT).bind("key", key).bind("failures", failures)
        .bind("now", Timestamps.format(now))
        .bind("lockedUntil", Timestamps.format(rule.lockAfter(failures).map(now::plus).orElse(null)))
        .execute();
  }

  private static Instant quietSince(String lastFailure, String lockedUntil) {
    Instant last = Timestamps.parse(lastFailure);
    Instant until = Timestamps.parse(lockedUntil);
    return until != null && until.isAfter(last) ? until : last;
  }

  /** Clears the counts of {@code username} after a successful login from {@code address}. */
  public void succeeded(String username, String address) {
    List<String> keys = keys(username, address);
    jdbi.useHandle(h -> h.createUpdate(CLEAR).bindList("keys", List.of(keys.get(0), keys.get(2)))
        .execute());
  }

  /** The pair, address and username keys, in the order of the policy's rules (pure). */
  static List<String> keys(String username, String address) {
    String user = part(username.toLowerCase(Locale.ROOT));
    String from = part(address);
    return List.of("pair:" + user + "|" + from, "ip:" + from, "user:" + user);
  }

  private static String part(String value) {
    return value.length() > MAX_KEY_PART ? value.substring(0, MAX_KEY_PART) : value;
  }
}
