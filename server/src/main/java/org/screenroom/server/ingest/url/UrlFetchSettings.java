package org.screenroom.server.ingest.url;

import java.time.Duration;

/**
 * How patient URL ingest is with the other server. Set in code (tests use short ones); the size
 * limit is not here: it is the configured {@code max-upload-size}, shared with uploads.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param idleTimeout how long the other server may send nothing, headers or body, before the
 *     download counts as stalled
 * @param maxRedirects redirects followed before giving up
 * @param diskReserve free space left on the data disk after the file is written
 * @param allowInternal whether addresses inside the server's network may be fetched (tests,
 *     or a studio that keeps its masters on a LAN file server); off by default
 */
public record UrlFetchSettings(Duration connectTimeout, Duration idleTimeout, int maxRedirects,
    long diskReserve, boolean allowInternal) {
  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  private static final int DEFAULT_MAX_REDIRECTS = 5;
  /** Keeps room for the catalog's WAL and the transcoder's first segments. */
  private static final long DEFAULT_DISK_RESERVE = 256L << 20;

  /** Validates the settings. */
  public UrlFetchSettings {
    if (connectTimeout.isNegative() || connectTimeout.isZero()
        || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("URL ingest timeouts must be positive");
    }
    if (maxRedirects < 0 || diskReserve < 0) {
      throw new IllegalArgumentException("maxRedirects and diskReserve must not be negative");
    }
  }

  /**
   * 30 s to connect, 30 s of silence, 5 redirects, 256 MiB of disk kept free, internal addresses
   * refused.
   */
  public static UrlFetchSettings defaults() {
    return new UrlFetchSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_REDIRECTS, DEFAULT_DISK_RESERVE, false);
  }
}
