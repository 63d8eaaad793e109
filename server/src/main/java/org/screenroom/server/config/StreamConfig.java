package org.screenroom.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the streaming hot path and the connections that reach it, validated by
 * {@link ConfigLoader}.
 *
 * @param bindNetwork whether playback URLs work only from the viewer's network (IPv4 /24,
 *     IPv6 /48); off by default because mobile viewers change networks mid-film
 * @param keyRotation how often a new signing key is made, when rotation is scheduled
 * @param keyRetention how long a superseded signing key still verifies: the longest token life
 * @param idleTimeout a connection with no traffic for this long is closed
 * @param headerTimeout a request whose headers do not arrive within this long of its first byte
 *     is dropped (slowloris)
 * @param maxConnectionsPerIp open connections one client address may hold; more are closed
 * @param maxHeaderSize the largest request head (request line and headers) in bytes
 * @param tlsCert a PEM certificate chain: with {@code tlsKey}, serve HTTPS and HTTP/2 (ALPN)
 * @param tlsKey the PEM private key of {@code tlsCert}
 * @param nativeTransport whether Netty's native epoll transport is used (and segment responses
 *     can cork their socket)
 * @param fastSegments whether the common segment request (a plain 200 or 206 of a file held
 *     open) is answered below Vert.x, in the connection's Netty pipeline
 *     ({@code stream.FastSegments}); off sends every request through Vert.x
 */
public record StreamConfig(
    boolean bindNetwork,
    Optional<Duration> keyRotation,
    Duration keyRetention,
    Duration idleTimeout,
    Duration headerTimeout,
    int maxConnectionsPerIp,
    int maxHeaderSize,
    Optional<Path> tlsCert,
    Optional<Path> tlsKey,
    NativeTransport nativeTransport,
    boolean fastSegments) {

  /** DEFAULT of {@code key-retention}: the longest {@code playback-ttl} allowed. */
  public static final Duration DEFAULT_KEY_RETENTION = Duration.ofDays(30);
  /** DEFAULT of {@code idle-timeout}. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  /** DEFAULT of {@code header-timeout}: nginx's {@code client_header_timeout} is 60 s; 10 s is ample. */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  /** DEFAULT of {@code max-connections-per-ip}: browsers open 6 per host; a NAT hides a few dozen viewers. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 64;
  /** DEFAULT of {@code max-header-size}: Vert.x's and nginx's 8 KiB. */
  public static final int DEFAULT_MAX_HEADER_SIZE = 8 * 1024;
  /** DEFAULT of {@code native-transport}. */
  public static final NativeTransport DEFAULT_NATIVE_TRANSPORT = NativeTransport.AUTO;

  /** The defaults. */
  public static StreamConfig defaults() {
    return new StreamConfig(false, Optional.empty(), DEFAULT_KEY_RETENTION, DEFAULT_IDLE_TIMEOUT,
        DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_MAX_HEADER_SIZE,
        Optional.empty(), Optional.empty(), DEFAULT_NATIVE_TRANSPORT, true);
  }

  /** Whether HTTPS (and HTTP/2) is configured. */
  public boolean tls() {
    return tlsCert.isPresent();
  }

  /** Adds the printable settings to {@code out}. */
  void describe(Map<String, String> out) {
    out.put("playback-bind-network", Boolean.toString(bindNetwork));
    out.put("key-rotation", keyRotation.map(Duration::toString).orElse("(manual)"));
    out.put("key-retention", keyRetention.toString());
    out.put("idle-timeout", idleTimeout.toString());
    out.put("header-timeout", headerTimeout.toString());
    out.put("max-connections-per-ip", Integer.toString(maxConnectionsPerIp));
    out.put("max-header-size", ByteSize.format(maxHeaderSize));
    out.put("tls-cert", tlsCert.map(Path::toString).orElse("(none: plain HTTP/1.1)"));
    out.put("tls-key", tlsKey.map(p -> "(set)").orElse("(none)"));
    out.put("native-transport", nativeTransport.toString());
    out.put("fast-segments", Boolean.toString(fastSegments));
  }
}
