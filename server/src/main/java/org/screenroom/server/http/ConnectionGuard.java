package org.screenroom.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the server's connections against a misbehaving client, so that it never slows the
 * others: caps the connections one client address may hold open (the excess is closed at once)
 * and puts a {@link HeaderDeadline} on each HTTP/1 connection. Runs as Vert.x's connection
 * handler, on the connection's event loop; the per-address counts are shared by every event loop.
 *
 * <p>Connections from a {@link TrustedProxies trusted proxy} are not capped: behind a load
 * balancer every viewer arrives on the balancer's connections, so a cap on its address would cap
 * the whole audience. Limiting each client's connections is then the balancer's job (it sees
 * them); this server still applies its per-client sign-in and passcode throttles to the client
 * address the proxy names ({@link ClientAddress}).
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
  private final ClientAddress clients;
  private final Consumer<ChannelPipeline> cleartextHttp1;

  /**
   * Creates the guard.
   *
   * @param maxPerAddress open connections one client address may hold
   * @param headerTimeout how long a request head may take to arrive
   * @param registry where the refusals and timeouts are counted
   */
  public ConnectionGuard(int maxPerAddress, Duration headerTimeout, MeterRegistry registry) {
    this(maxPerAddress, headerTimeout, registry, TrustedProxies.NONE);
  }

  /**
   * Creates the guard, exempting {@code trusted} proxies from the cap.
   *
   * @param trusted the load balancers in front, whose connections carry many clients
   */
  public ConnectionGuard(int maxPerAddress, Duration headerTimeout, MeterRegistry registry,
      TrustedProxies trusted) {
    this(maxPerAddress, headerTimeout, registry, trusted, pipeline -> { });
  }

  /**
   * Creates the guard, also handing each cleartext HTTP/1 connection's pipeline to
   * {@code cleartextHttp1} once the header deadline is in it (the fast segment path installs
   * its handler there).
   */
  public ConnectionGuard(int maxPerAddress, Duration headerTimeout, MeterRegistry registry,
      TrustedProxies trusted, Consumer<ChannelPipeline> cleartextHttp1) {
    this.cleartextHttp1 = cleartextHttp1;
    this.clients = new ClientAddress(trusted);
    this.maxPerAddress = maxPerAddress;
    this.headerTimeout = headerTimeout;
    this.refused = Counter.builder("screenroom_connections_refused")
        .description("Connections closed because their client address held too many")
        .register(registry);
    this.headerTimeouts = Counter.builder("screenroom_header_timeouts")
        .description("Connections closed because a request head arrived too slowly")
        .register(registry);
  }

  /** Resolves each request's client address behind the trusted proxies (a router handler). */
  public ClientAddress clients() {
    return clients;
  }

  /** Vert.x's connection handler: count, refuse or guard {@code connection}. */
  public void handle(HttpConnection connection) {
    String address = connection.remoteAddress().hostAddress();
    if (clients.trusted().any() && clients.trusted().trusts(address)) {
      guardHeaders(connection); // a proxy's connections carry many clients: not capped
      return;
    }
    int now = open.merge(address, 1, Integer::sum);
    // Atomic per address: the entry disappears with the address's last connection.
    connection.closeHandler(v -> open.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1));
    if (now > maxPerAddress) {
      refused.increment();
      LOG.debug("closing a connection from {}: it holds {} already", address, now - 1);
      connection.close();
      return;
    }
    guardHeaders(connection);
  }

  private void guardHeaders(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channel().pipeline();
      if (HeaderDeadline.install(pipeline, headerTimeout, headerTimeouts::increment)
          && !connection.isSsl()) {
        cleartextHttp1.accept(pipeline);
      }
    }
  }

  /** Open connections from {@code address} (tests). */
  public int openFrom(String address) {
    return open.getOrDefault(address, 0);
  }
}
