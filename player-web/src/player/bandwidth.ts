/** hls.js's own default first estimate of the bandwidth, in bits per second. */
const DEFAULT_ESTIMATE = 500_000;

/**
 * The bandwidth to assume before anything was measured: what the browser reports of the
 * connection (Network Information API, Chromium; it caps at 10 Mb/s), with a margin, else
 * hls.js's default. Only the first rung depends on it; ABR corrects it after one segment.
 */
export function startEstimate(downlinkMbps: number | undefined): number {
  if (downlinkMbps === undefined || !Number.isFinite(downlinkMbps) || downlinkMbps <= 0) return DEFAULT_ESTIMATE;
  return Math.max(DEFAULT_ESTIMATE, Math.round(downlinkMbps * 1_000_000 * 0.7));
}

/** What the browser says of its connection's downlink, in Mb/s; undefined when it does not say. */
export function connectionDownlink(): number | undefined {
  const connection = (navigator as Navigator & { connection?: { downlink?: number } }).connection;
  return connection?.downlink;
}
