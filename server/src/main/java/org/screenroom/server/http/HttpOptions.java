package org.screenroom.server.http;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.concurrent.TimeUnit;
import org.screenroom.server.config.StreamConfig;

/** The HTTP server's options from the configuration: timeouts, size limits and TLS. */
public final class HttpOptions {
  /** The longest request line (method, path with token, query); Vert.x's default. */
  static final int MAX_INITIAL_LINE = 4096;
  /**
   * The most body bytes handed over at once: as much as one socket read brings (Netty reads up
   * to 64 KiB), not Vert.x's 8 KiB default. Every piece costs a heap copy, a task through the
   * request's queue and a handler call, so an upload's CPU per byte falls with bigger pieces
   * (bench/upload.sh).
   */
  static final int MAX_CHUNK = 64 * 1024;

  private HttpOptions() {}

  /**
   * Options for {@code config}: idle timeout, request head limits and, with a certificate,
   * HTTPS offering HTTP/2 and HTTP/1.1 by ALPN.
   */
  public static HttpServerOptions of(StreamConfig config) {
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout((int) config.idleTimeout().toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setMaxHeaderSize(config.maxHeaderSize())
        .setMaxInitialLineLength(MAX_INITIAL_LINE)
        .setMaxChunkSize(MAX_CHUNK)
        // No on-the-fly compression: with Vert.x's compressor in the pipeline, sendFile gives up
        // zero-copy FileRegion for a user-space ChunkedNioFile copy (bench/stream.sh measured
        // segment throughput at 0.24x nginx with it). Manifests are gzipped once, in memory,
        // by the package index instead.
        .setCompressionSupported(false)
        // No cleartext HTTP/2 (h2c): browsers never use it, and its upgrade check holds a new
        // connection back from the connection handler (and so from the header deadline) until
        // a whole request head has arrived.
        .setHttp2ClearTextEnabled(false)
        // Small writes (manifests, headers) go out at once instead of waiting for an ACK.
        .setTcpNoDelay(true);
    if (config.tls()) {
      options.setSsl(true)
          .setUseAlpn(true)
          .setKeyCertOptions(new PemKeyCertOptions()
              .setCertPath(config.tlsCert().orElseThrow().toString())
              .setKeyPath(config.tlsKey().orElseThrow().toString()));
    }
    return options;
  }
}
