package org.screenroom.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the server's connections against a misbehaving client, so that it never slows the
 * others: caps the connections one client address may hold open (the excess is closed at once)
 * and puts a {@link HeaderDeadline} on each HTTP/1 connection. Runs as Vert.x's connection
 * handler, on the connection's event loop; the per-address counts are shared by every event loop.
 *
 * <p>Cleartext HTTP/2 upgrades must be off ({@link HttpOptions}): with them on, Vert.x calls the
 * connection handler only once the first request head is complete, too late for a deadline.
 */
public final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final int maxPerAddress;
  private final Duration headerTimeout;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
  private final Counter refused;
  private final Counter headerTimeouts;

  /**
   * Creates the guard.
   *
   * @param maxPerAddress open connections one client address may hold
   * @param headerTimeout how long a request head may take to arrive
   * @param registry where the refusals and timeouts are counted
   */
  public ConnectionGuard(int maxPerAddress, Duration headerTimeout, MeterRegistry registry) {
    this.maxPerAddress = maxPerAddress;
    this.headerTimeout = headerTimeout;
    this.refused = Counter.builder("screenroom_connections_refused")
        .description("Connections closed because their client address held too many")
        .register(registry);
    this.headerTimeouts = Counter.builder("screenroom_header_timeouts")
        .description("Connections closed because a request head arrived too slowly")
        .register(registry);
  }

  /** Vert.x's connection handler: count, refuse or guard {@code connection}. */
  public void handle(HttpConnection connection) {
    String address = connection.remoteAddress().hostAddress();
    int now = open.merge(address, 1, Integer::sum);
    // Atomic per address: the entry disappears with the address's last connection.
    connection.closeHandler(v -> open.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1));
    if (now > maxPerAddress) {
      refused.increment();
      LOG.debug("closing a connection from {}: it holds {} already", address, now - 1);
      connection.close();
      return;
    }
    if (connection instanceof ConnectionBase base) {
      HeaderDeadline.install(base.channel().pipeline(), headerTimeout, headerTimeouts::increment);
    }
  }

  /** Open connections from {@code address} (tests). */
  public int openFrom(String address) {
    return open.getOrDefault(address, 0);
  }
}
