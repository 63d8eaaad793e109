package org.screenroom.server.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address of the client behind a request, as everything that cares about one uses it (the
 * login and passcode throttles, network-bound playback tokens, screener sessions, logs).
 *
 * <p>It is the socket's peer, unless the peer is a {@link TrustedProxies trusted proxy}: then
 * the proxy's forwarding header is read from the right, each trusted hop skipped, and the first
 * hop not trusted is the client. Whatever is left of that hop was written by the client and is
 * never believed (a forged left-most entry changes nothing). A hop that is not an address
 * ({@code unknown}, an obfuscated {@code _name}, garbage) ends the walk at the trusted proxy
 * that wrote it. From a peer that is not trusted the headers are not read at all.
 *
 * <p>{@link #handle} computes it once per request (the first route of the router);
 * {@link #of} reads it.
 */
public final class ClientAddress {
  private static final String KEY = ClientAddress.class.getName();
  /** Hops read at most: a longer header is cut at its right end (the part proxies wrote). */
  static final int MAX_HOPS = 32;

  private final TrustedProxies trusted;

  /** Resolves client addresses behind {@code trusted}. */
  public ClientAddress(TrustedProxies trusted) {
    this.trusted = trusted;
  }

  /** The trusted proxies (the connection guard exempts them from the per-address cap). */
  public TrustedProxies trusted() {
    return trusted;
  }

  /** A router handler: resolves the request's client address for {@link #of}, then goes on. */
  public void handle(RoutingContext ctx) {
    ctx.put(KEY, resolve(ctx.request()));
    ctx.next();
  }

  /**
   * The client address of the request in {@code ctx}: as resolved by {@link #handle}, else the
   * socket's peer; {@code "unknown"} when there is no peer address (a Unix socket).
   */
  public static String of(RoutingContext ctx) {
    String known = ctx.get(KEY);
    return known != null ? known : peer(ctx.request());
  }

  /** The client address of {@code request}. */
  public String resolve(HttpServerRequest request) {
    String peer = peer(request);
    // The hot path without proxies: the peer as the socket gives it, as before proxies existed.
    if (!trusted.any() || !trusted.trusts(peer)) {
      return peer;
    }
    return resolve(peer, request.headers().getAll(trusted.header().wire()));
  }

  /**
   * The client address behind {@code peer}, given the values of the trusted proxies' header
   * (each line in order). Pure.
   */
  public String resolve(String peer, List<String> headerValues) {
    if (!trusted.trusts(peer)) {
      return peer;
    }
    String client = IpAddresses.canonical(peer).orElse(peer);
    List<String> hops = new ArrayList<>();
    for (String value : headerValues) {
      for (String element : value.split(",", -1)) {
        hops.add(element.trim());
      }
    }
    int stop = Math.max(0, hops.size() - MAX_HOPS);
    for (int i = hops.size() - 1; i >= stop; i--) {
      Optional<byte[]> hop = address(hops.get(i));
      if (hop.isEmpty()) {
        return client; // not an address: the trusted hop that wrote it is as far as we know
      }
      client = IpAddresses.text(hop.get());
      if (!trusted.trusts(hop.get())) {
        return client;
      }
    }
    return client;
  }

  /** One hop of the header: an address, perhaps with a port; empty when it is not one. */
  private Optional<byte[]> address(String hop) {
    String value = trusted.header() == TrustedProxies.Header.FORWARDED ? forwardedFor(hop) : hop;
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    Optional<byte[]> whole = IpAddresses.parse(value);
    if (whole.isPresent()) {
      return whole;
    }
    // With a port: [2001:db8::1]:4711 or 192.0.2.1:8080.
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      return close > 0 && value.substring(close + 1).matches(":\\d{1,5}")
          ? IpAddresses.parse(value.substring(1, close)) : Optional.empty();
    }
    int colon = value.lastIndexOf(':');
    if (colon > 0 && value.indexOf(':') == colon && value.substring(colon + 1).matches("\\d{1,5}")) {
      Optional<byte[]> v4 = IpAddresses.parse(value.substring(0, colon));
      return v4.filter(b -> b.length == 4);
    }
    return Optional.empty();
  }

  /** The {@code for=} value of one Forwarded element ({@code for=x;proto=https}), unquoted. */
  static String forwardedFor(String element) {
    for (String pair : element.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
        String v = pair.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return null;
  }

  private static String peer(HttpServerRequest request) {
    var remote = request.remoteAddress();
    String host = remote == null ? null : remote.hostAddress();
    return host == null ? "unknown" : host;
  }
}
