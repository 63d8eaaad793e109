package org.screenroom.catalog.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Timestamps;

/**
 * Playback signing keys, kept in the catalog so that every server sharing it signs and verifies
 * alike. The newest active key signs; older active keys still verify, until they are retired
 * (once no token they signed can still be valid). Blocks on JDBC: call it from a worker.
 */
public final class SigningKeyStore {
  private static final int SECRET_BYTES = 32;
  // Newest first; rowid breaks ties between keys made in the same millisecond.
  private static final String ACTIVE =
      "SELECT kid, secret, created_at FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, rowid DESC";
  private static final String ALL =
      "SELECT kid, created_at, retired_at FROM signing_keys ORDER BY created_at DESC, rowid DESC";
  private static final String INSERT =
      "INSERT INTO signing_keys (kid, secret, created_at) VALUES (:kid, :secret, :now)";
  private static final String RETIRE =
      "UPDATE signing_keys SET retired_at = :now WHERE kid = :kid AND retired_at IS NULL";

  /** A key's public facts (never its secret), for listings. */
  public record KeyInfo(String kid, Instant createdAt, Instant retiredAt) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** Creates the store over {@code database}. */
  public SigningKeyStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** The active keys, newest first; creates the first key when there is none. */
  public List<SigningKey> activeKeys() {
    List<SigningKey> keys = read();
    if (keys.isEmpty()) {
      create();
      keys = read();
    }
    return keys;
  }

  /** Creates a new key, which becomes the one used for signing. */
  public SigningKey create() {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    byte[] kidBytes = new byte[4];
    random.nextBytes(kidBytes);
    String kid = HexFormat.of().formatHex(kidBytes);
    var now = clock.instant();
    jdbi.useHandle(h -> h.createUpdate(INSERT).bind("kid", kid).bind("secret", secret)
        .bind("now", Timestamps.format(now)).execute());
    return new SigningKey(kid, secret, now);
  }

  /**
   * Rotates: creates a new signing key and retires the keys no valid token can use any more.
   *
   * @param retention how long a superseded key keeps verifying (the longest token lifetime)
   * @return the new signing key
   */
  public SigningKey rotate(Duration retention) {
    SigningKey key = create();
    retireSuperseded(retention);
    return key;
  }

  /**
   * Rotates only when the signing key is older than {@code interval} (a scheduled rotation; safe
   * to call from several servers, at worst two keys are made).
   *
   * @return whether a new key was made
   */
  public boolean rotateIfOlderThan(Duration interval, Duration retention) {
    List<SigningKey> keys = activeKeys();
    boolean due = !keys.get(0).createdAt().plus(interval).isAfter(clock.instant());
    if (due) {
      create();
    }
    retireSuperseded(retention);
    return due;
  }

  /**
   * Retires every key superseded longer than {@code retention} ago: a key stops signing when
   * its successor is made, so its last token expires at most {@code retention} after that.
   *
   * @return the kids retired
   */
  public List<String> retireSuperseded(Duration retention) {
    List<SigningKey> keys = read();
    Instant now = clock.instant();
    List<String> retired = new ArrayList<>();
    for (int i = 1; i < keys.size(); i++) {
      Instant superseded = keys.get(i - 1).createdAt();
      if (superseded.plus(retention).isBefore(now)) {
        retired.add(keys.get(i).kid());
      }
    }
    jdbi.useHandle(h -> retired.forEach(kid -> h.createUpdate(RETIRE).bind("kid", kid)
        .bind("now", Timestamps.format(now)).execute()));
    return retired;
  }

  /** Every key ever made, newest first, without secrets. */
  public List<KeyInfo> list() {
    return jdbi.withHandle(h -> h.createQuery(ALL)
        .map((rs, ctx) -> new KeyInfo(rs.getString("kid"),
            Timestamps.parse(rs.getString("created_at")),
            Timestamps.parse(rs.getString("retired_at"))))
        .list());
  }

  private List<SigningKey> read() {
    return jdbi.withHandle(h -> h.createQuery(ACTIVE)
        .map((rs, ctx) -> new SigningKey(rs.getString("kid"), rs.getBytes("secret"),
            Timestamps.parse(rs.getString("created_at"))))
        .list());
  }
}
