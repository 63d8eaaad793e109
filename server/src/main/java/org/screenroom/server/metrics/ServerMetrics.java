package org.screenroom.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.screenroom.catalog.job.JobState;
import org.screenroom.catalog.job.JobStore;

/**
 * Screenroom's own meters beside Vert.x's: latency buckets on the HTTP server timers, the
 * transcode queue, and active playback sessions. Every gauge reads memory only, because
 * Prometheus scrapes on an event loop; the queue is sampled from the catalog on a worker.
 */
public final class ServerMetrics {
  /**
   * Latency bucket bounds of the HTTP server timers: fine below 50 ms (the hot path's p99
   * goal), coarse above. Fixed buckets rather than Micrometer's ~70 percentile-histogram ones,
   * since every route template and status multiplies them.
   */
  static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10)};
  private static final String HTTP_SERVER = "vertx.http.server.";

  private final PrometheusMeterRegistry registry;
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong running = new AtomicLong();
  private final AtomicReference<LongSupplier> sessions = new AtomicReference<>(() -> 0);

  private ServerMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("screenroom_transcode_jobs", queued, AtomicLong::get).tag("state", "queued")
        .description("Transcode jobs by state, sampled from the catalog").register(registry);
    Gauge.builder("screenroom_transcode_jobs", running, AtomicLong::get).tag("state", "running")
        .description("Transcode jobs by state, sampled from the catalog").register(registry);
    Gauge.builder("screenroom_playback_sessions_active", sessions, s -> s.get().getAsLong())
        .description("Playback sessions open now").register(registry);
  }

  /**
   * A fresh registry (one per server, not Micrometer's global one, so tests can run several)
   * with latency buckets on the HTTP server timers; register it before Vert.x makes its meters.
   */
  public static ServerMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith(HTTP_SERVER)) {
          return config;
        }
        double[] nanos = new double[LATENCY_BUCKETS.length];
        for (int i = 0; i < nanos.length; i++) {
          nanos[i] = LATENCY_BUCKETS[i].toNanos();
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build()
            .merge(config);
      }
    });
    return new ServerMetrics(registry);
  }

  /** The registry to scrape. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Feeds the active-sessions gauge from {@code supplier} (the playback-session feature
   * registers it; until then the gauge reads 0). It is read on an event loop: keep it in memory.
   */
  public void activePlaybackSessions(LongSupplier supplier) {
    sessions.set(supplier);
  }

  /** Samples the transcode queue from the catalog (blocking: call it on a worker). */
  public void sampleTranscodeQueue(JobStore jobs) {
    queued.set(jobs.idsInState(JobState.QUEUED).size());
    running.set(jobs.idsInState(JobState.RUNNING).size());
  }
}
