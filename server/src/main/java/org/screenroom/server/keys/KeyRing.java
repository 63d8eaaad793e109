package org.screenroom.server.keys;

import java.time.Duration;
import java.util.Optional;
import org.screenroom.catalog.keys.SigningKey;
import org.screenroom.catalog.keys.SigningKeyStore;
import org.screenroom.server.stream.TokenSigner;

/**
 * Keeps the in-memory {@link TokenSigner} in step with the catalog's signing keys: rotates on
 * demand or on a schedule, retires keys whose tokens have all expired, and re-reads the keys so
 * that a rotation made by another process (the CLI, another server) takes effect here too.
 * Every method blocks on JDBC: call it from a worker.
 */
public final class KeyRing {
  private final SigningKeyStore store;
  private final TokenSigner signer;
  private final Optional<Duration> rotation;
  private final Duration retention;

  /**
   * Creates the ring.
   *
   * @param rotation how often to rotate on schedule; empty for manual rotation only
   * @param retention how long a superseded key keeps verifying
   */
  public KeyRing(SigningKeyStore store, TokenSigner signer, Optional<Duration> rotation,
      Duration retention) {
    this.store = store;
    this.signer = signer;
    this.rotation = rotation;
    this.retention = retention;
  }

  /** Rotates now; the new key signs from this moment in this process. */
  public SigningKey rotate() {
    SigningKey key = store.rotate(retention);
    signer.update(store.activeKeys());
    return key;
  }

  /** Loads the keys in force into the signer, changing nothing in the catalog. */
  public void reload() {
    signer.update(store.activeKeys());
  }

  /**
   * The periodic tick: rotates when the schedule says so, retires expired keys and loads the
   * keys in force into the signer.
   */
  public void refresh() {
    if (rotation.isPresent()) {
      store.rotateIfOlderThan(rotation.get(), retention);
    } else {
      store.retireSuperseded(retention);
    }
    signer.update(store.activeKeys());
  }
}
