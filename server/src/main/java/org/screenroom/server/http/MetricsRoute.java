package org.screenroom.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.screenroom.catalog.account.Account;
import org.screenroom.server.auth.AuthHandler;

/**
 * {@code GET /metrics}: Prometheus text for an admin's API token (Prometheus sends it with
 * {@code authorization: credentials_file}). Request counts and latencies by route template,
 * pools, and Screenroom's own gauges; nothing per viewer.
 */
public final class MetricsRoute {
  private final Handler<RoutingContext> scrape;

  /** Serves {@code registry}. */
  public MetricsRoute(PrometheusMeterRegistry registry) {
    this.scrape = PrometheusScrapingHandler.create(registry);
  }

  /** Answers the metrics to an admin; 401 anonymous, 403 to anyone else. */
  public void handle(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    if (!caller.isAdmin()) {
      throw ApiError.of(403, "Only an admin may read the metrics.");
    }
    scrape.handle(ctx);
  }
}
