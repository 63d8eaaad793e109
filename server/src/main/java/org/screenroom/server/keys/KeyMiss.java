package org.screenroom.server.keys;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.stream.PlayRequest;
import org.screenroom.server.stream.TokenCheck;
import org.screenroom.server.stream.TokenSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of {@code /play/}: a token signed with a key this origin does not know yet (a
 * rotation made on another origin, or by the CLI, seconds ago) makes it re-read the keys from
 * the catalog before the token is refused, instead of refusing every viewer the other origin
 * served until the next periodic refresh. Everything else passes straight through, with no
 * cost. Re-reads are shared by the misses that arrive meanwhile and happen at most once per
 * {@link #MIN_INTERVAL_NANOS}, so tokens with invented key ids cannot load the catalog.
 */
public final class KeyMiss {
  private static final Logger LOG = LoggerFactory.getLogger(KeyMiss.class);
  /** One re-read per second at most. */
  static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

  private final KeyRing ring;
  private final TokenSigner signer;
  private final Blocking blocking;
  private final AtomicReference<Future<Void>> reading = new AtomicReference<>();
  private final AtomicLong lastRead = new AtomicLong(System.nanoTime() - MIN_INTERVAL_NANOS);

  /** Creates the handler over the server's key ring and the signer it keeps up to date. */
  public KeyMiss(KeyRing ring, TokenSigner signer, Blocking blocking) {
    this.ring = ring;
    this.signer = signer;
    this.blocking = blocking;
  }

  /** Route handler: re-reads the keys on an unknown key id, then checks the token again. */
  public void handle(RoutingContext ctx) {
    if (PlayRequest.of(ctx, signer).check() != TokenCheck.UNKNOWN_KEY) {
      ctx.next();
      return;
    }
    Future<Void> read = reread();
    if (read == null) {
      ctx.next(); // read moments ago: the key is really unknown (retired, or made up)
      return;
    }
    ctx.request().pause();
    read.onComplete(ar -> {
      PlayRequest.forget(ctx);
      ctx.request().resume();
      ctx.next();
    });
  }

  /** The re-read in progress or a new one; null when one ended less than the interval ago. */
  private Future<Void> reread() {
    Future<Void> current = reading.get();
    if (current != null) {
      return current;
    }
    long now = System.nanoTime();
    long last = lastRead.get();
    if (now - last < MIN_INTERVAL_NANOS || !lastRead.compareAndSet(last, now)) {
      return reading.get();
    }
    Future<Void> read = blocking.run(() -> {
      ring.reload();
      return (Void) null;
    }).onFailure(e -> LOG.warn("re-reading the signing keys after an unknown key id failed", e))
        .onComplete(ar -> {
          lastRead.set(System.nanoTime());
          reading.set(null);
        });
    reading.set(read);
    return read;
  }
}
