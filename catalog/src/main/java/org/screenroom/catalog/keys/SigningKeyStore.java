package org.screenroom.catalog.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Timestamps;

/**
 * Playback signing keys, kept in the catalog so that every server sharing it signs and verifies
 * alike. Blocks on JDBC: call it from a worker.
 */
public final class SigningKeyStore {
  private static final int SECRET_BYTES = 32;
  private static final String ACTIVE =
      "SELECT kid, secret, created_at FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid";
  private static final String INSERT =
      "INSERT INTO signing_keys (kid, secret, created_at) VALUES (:kid, :secret, :now)";

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
    String kid = java.util.HexFormat.of().formatHex(kidBytes);
    var now = clock.instant();
    jdbi.useHandle(h -> h.createUpdate(INSERT).bind("kid", kid).bind("secret", secret)
        .bind("now", Timestamps.format(now)).execute());
    return new SigningKey(kid, secret, now);
  }

  private List<SigningKey> read() {
    return jdbi.withHandle(h -> h.createQuery(ACTIVE)
        .map((rs, ctx) -> new SigningKey(rs.getString("kid"), rs.getBytes("secret"),
            Timestamps.parse(rs.getString("created_at"))))
        .list());
  }
}
