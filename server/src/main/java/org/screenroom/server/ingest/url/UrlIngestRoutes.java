package org.screenroom.server.ingest.url;

import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.film.FilmJson;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/** {@code POST /api/films/:id/source} {@code {"url": "https://..."}}: ingest from an address. */
public final class UrlIngestRoutes {
  private final Optional<UrlIngestJobs> jobs;
  private final String unavailable;
  private final Blocking blocking;

  /**
   * Creates the routes.
   *
   * @param jobs empty when ffmpeg is unusable, then {@code unavailable} says why
   */
  public UrlIngestRoutes(Optional<UrlIngestJobs> jobs, String unavailable, Blocking blocking) {
    this.jobs = jobs;
    this.unavailable = unavailable;
    this.blocking = blocking;
  }

  /** Answers 202 with the film ({@code processing}) and downloads in the background. */
  public void start(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    URI url = SourceUrl.fromBody(FilmRoutes.jsonBody(ctx));
    UrlIngestJobs ingest = jobs.orElseThrow(() -> ApiError.of(503,
        "Screenroom cannot process films right now: " + unavailable));
    String id = ctx.pathParam("id");
    blocking.run(() -> ingest.claim(id, caller))
        .onFailure(ctx::fail)
        .onSuccess(claim -> {
          ingest.download(id, claim.holder(), url);
          ctx.response().putHeader("Location", "/api/films/" + id);
          Failures.send(ctx, 202, FilmJson.render(claim.film(), true));
        });
  }
}
