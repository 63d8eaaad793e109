package org.screenroom.catalog.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.db.Timestamps;

/**
 * Browser sign-in sessions. A session ends when it has been idle for {@code idleTimeout} or,
 * whatever its use, {@code maxLifetime} after sign-in. Only the SHA-256 of the cookie secret is
 * stored. Nothing is cached, so a sign-out on one server is seen by every server sharing the
 * catalog. Every method blocks on JDBC: call it from a worker.
 */
public final class SessionStore {
  /** The shape of a secret made by {@link #create}: 256 bits as unpadded base64url. */
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
  /** last_seen_at is written at most this often per session: a page load is many requests. */
  private static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);
  private static final int MAX_USER_AGENT = 160;

  private static final String INSERT = """
      INSERT INTO sessions (id, account_id, token_hash, created_at, last_seen_at, expires_at, user_agent)
      VALUES (:id, :accountId, :hash, :now, :now, :expires, :agent)
      """;
  private static final String FIND_LIVE = """
      SELECT s.id AS session_id, s.last_seen_at, a.id, a.username, a.role, a.created_at
      FROM sessions s JOIN accounts a ON a.id = s.account_id
      WHERE s.token_hash = :hash AND s.expires_at > :now AND s.last_seen_at > :idleCutoff
      """;
  private static final String TOUCH = "UPDATE sessions SET last_seen_at = :now WHERE id = :id";
  private static final String DELETE = "DELETE FROM sessions WHERE token_hash = :hash";
  private static final String PURGE =
      "DELETE FROM sessions WHERE expires_at <= :now OR last_seen_at <= :idleCutoff";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration idleTimeout;
  private final Duration maxLifetime;

  /**
   * Creates the store.
   *
   * @throws IllegalArgumentException when a duration is not positive or the idle timeout exceeds
   *     the lifetime
   */
  public SessionStore(Database database, Clock clock, Duration idleTimeout, Duration maxLifetime) {
    if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.compareTo(maxLifetime) > 0) {
      throw new IllegalArgumentException("the idle timeout must be positive and at most the lifetime");
    }
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.maxLifetime = maxLifetime;
  }

  /** Whether {@code secret} has the shape of a session secret (a cheap check before any query). */
  public static boolean isWellFormed(String secret) {
    return secret != null && SECRET.matcher(secret).matches();
  }

  /** How long a session may stay idle. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** How long a session lives at most. */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /** Starts a session for {@code account}; also clears sessions that have ended. */
  public Session create(Account account, String userAgent) {
    Objects.requireNonNull(account, "account");
    Instant now = clock.instant();
    String secret = Secrets.newSecret();
    String id = Ids.newId();
    Instant expires = now.plus(maxLifetime);
    jdbi.useTransaction(h -> {
      h.createUpdate(PURGE).bind("now", Timestamps.format(now))
          .bind("idleCutoff", Timestamps.format(now.minus(idleTimeout))).execute();
      h.createUpdate(INSERT).bind("id", id).bind("accountId", account.id())
          .bind("hash", Secrets.sha256(secret)).bind("now", Timestamps.format(now))
          .bind("expires", Timestamps.format(expires)).bind("agent", shortAgent(userAgent))
          .execute();
    });
    return new Session(id, secret, account, expires);
  }

  /** The account of a live session (sliding its idle timeout), or empty. */
  public Optional<Account> authenticate(String secret) {
    if (!isWellFormed(secret)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    // Read, then touch in autocommit: a deferred read transaction upgraded to a write can fail
    // at once under WAL when another writer committed in between.
    return jdbi.withHandle(h -> {
      Optional<Object[]> row = h.createQuery(FIND_LIVE).bind("hash", Secrets.sha256(secret))
          .bind("now", Timestamps.format(now))
          .bind("idleCutoff", Timestamps.format(now.minus(idleTimeout)))
          .map((rs, ctx) -> new Object[] {rs.getString("session_id"),
              Timestamps.parse(rs.getString("last_seen_at")),
              new Account(rs.getString("id"), rs.getString("username"),
                  Role.parse(rs.getString("role")).orElseThrow(),
                  Timestamps.parse(rs.getString("created_at")))})
          .findOne();
      row.filter(r -> ((Instant) r[1]).plus(TOUCH_GRANULARITY).isBefore(now))
          .ifPresent(r -> h.createUpdate(TOUCH).bind("id", (String) r[0])
              .bind("now", Timestamps.format(now)).execute());
      return row.map(r -> (Account) r[2]);
    });
  }

  /** Ends the session of {@code secret}; answers whether one existed. */
  public boolean delete(String secret) {
    if (!isWellFormed(secret)) {
      return false;
    }
    return jdbi.withHandle(h -> h.createUpdate(DELETE).bind("hash", Secrets.sha256(secret))
        .execute()) > 0;
  }

  /** The User-Agent kept for the owner's information: printable, at most 160 characters. */
  static String shortAgent(String userAgent) {
    if (userAgent == null) {
      return null;
    }
    String printable = userAgent.replaceAll("\\p{Cntrl}", "").strip();
    if (printable.isEmpty()) {
      return null;
    }
    return printable.length() > MAX_USER_AGENT ? printable.substring(0, MAX_USER_AGENT) : printable;
  }
}
