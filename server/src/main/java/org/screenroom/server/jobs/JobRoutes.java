package org.screenroom.server.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.job.Job;
import org.screenroom.catalog.job.JobState;
import org.screenroom.catalog.job.JobStore;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.film.FilmPolicy;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/**
 * {@code /api/films/:id/jobs} and {@code /api/jobs}: a film's transcode history, a new transcode
 * of it, one job, cancel and retry (the film's owner or an admin; anyone else gets 404), and the
 * admin's queue view.
 */
public final class JobRoutes {
  private static final int ADMIN_LIST_LIMIT = 200;

  private final JobStore jobs;
  private final FilmStore films;
  private final Optional<JobRunner> runner;
  private final Blocking blocking;

  /** Creates the routes; without a runner (no usable ffmpeg) cancel and retry answer 503. */
  public JobRoutes(JobStore jobs, FilmStore films, Optional<JobRunner> runner, Blocking blocking) {
    this.jobs = jobs;
    this.films = films;
    this.runner = runner;
    this.blocking = blocking;
  }

  /** {@code GET /api/films/:id/jobs}: the film's jobs, newest first. */
  public void forFilm(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String filmId = ctx.pathParam("id");
    blocking.run(() -> {
      films.find(filmId).filter(f -> FilmPolicy.canEdit(f, Optional.of(caller)))
          .orElseThrow(() -> ApiError.notFound("film"));
      return jobs.forFilm(filmId);
    }).onFailure(ctx::fail)
        .onSuccess(found -> Failures.send(ctx, 200, items(found, caller)));
  }

  /** {@code GET /api/jobs?state=}: every job (admin only), newest first. */
  public void list(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    if (!caller.isAdmin()) {
      throw ApiError.of(403, "Only an administrator can list every transcode job.");
    }
    Optional<JobState> state = state(ctx.request().getParam("state"));
    blocking.run(() -> jobs.list(state, ADMIN_LIST_LIMIT))
        .onFailure(ctx::fail)
        .onSuccess(found -> Failures.send(ctx, 200, items(found, caller)));
  }

  /** {@code GET /api/jobs/:jobId}. */
  public void get(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String jobId = ctx.pathParam("jobId");
    blocking.run(() -> editableJob(jobId, caller))
        .onFailure(ctx::fail)
        .onSuccess(job -> Failures.send(ctx, 200, JobJson.render(job, caller.isAdmin())));
  }

  /** {@code POST /api/jobs/:jobId/cancel}: 202 when cancelled or being stopped, 409 when over. */
  public void cancel(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String jobId = ctx.pathParam("jobId");
    blocking.run(() -> {
      Job job = editableJob(jobId, caller);
      JobRunner.CancelResult result = requireRunner().cancel(job.id());
      if (result == JobRunner.CancelResult.NOT_CANCELLABLE) {
        throw ApiError.of(409, "This job is " + jobs.find(jobId).orElse(job).state().wire()
            + ": only a queued or running job can be cancelled.");
      }
      return jobs.find(jobId).orElseThrow(() -> ApiError.notFound("job"));
    }).onFailure(ctx::fail)
        .onSuccess(job -> Failures.send(ctx, 202, JobJson.render(job, caller.isAdmin())));
  }

  /** {@code POST /api/jobs/:jobId/retry}: 202 with the new attempt, 409 when not retryable. */
  public void retry(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String jobId = ctx.pathParam("jobId");
    blocking.run(() -> {
      Job job = editableJob(jobId, caller);
      return requireRunner().retry(job.id()).orElseThrow(() -> ApiError.of(409,
          "Only the latest job of a film can be retried, once it failed or was cancelled."));
    }).onFailure(ctx::fail).onSuccess(job -> {
      ctx.response().putHeader("Location", "/api/jobs/" + job.id());
      Failures.send(ctx, 202, JobJson.render(job, caller.isAdmin()));
    });
  }

  /**
   * {@code POST /api/films/:id/jobs}: transcodes the film again from its stored master (after the
   * server's ladder, preset or packager changed, say), 202 with the new job. A ready film keeps
   * playing its current version meanwhile. 409 when the film has no master, or a job of it is
   * queued or running, or it is still being prepared (an upload or a download finishing).
   */
  public void again(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String filmId = ctx.pathParam("id");
    blocking.run(() -> {
      Film film = films.find(filmId).filter(f -> FilmPolicy.canEdit(f, Optional.of(caller)))
          .orElseThrow(() -> ApiError.notFound("film"));
      JobRunner runner = requireRunner();
      if (film.source().isEmpty()) {
        throw ApiError.of(409, "This film has no original to transcode yet: upload one first.");
      }
      Optional<Job> active = jobs.active(filmId);
      if (active.isPresent()) {
        throw ApiError.of(409, "This film is already being transcoded (job "
            + active.get().id() + "): wait for it, or cancel it first.");
      }
      if (film.status() == FilmStatus.PROCESSING) {
        throw ApiError.of(409, "This film's original is still being received or checked: try"
            + " again once it is ready or has failed.");
      }
      return runner.submit(filmId);
    }).onFailure(ctx::fail).onSuccess(job -> {
      ctx.response().putHeader("Location", "/api/jobs/" + job.id());
      Failures.send(ctx, 202, JobJson.render(job, caller.isAdmin()));
    });
  }

  private Job editableJob(String jobId, Account caller) {
    // Another filmmaker's job answers 404, not 403, so ids cannot be probed.
    return jobs.find(jobId)
        .filter(job -> films.find(job.filmId())
            .map(f -> FilmPolicy.canEdit(f, Optional.of(caller))).orElse(false))
        .orElseThrow(() -> ApiError.notFound("job"));
  }

  private JobRunner requireRunner() {
    return runner.orElseThrow(() -> ApiError.of(503,
        "Transcoding is not available on this server (ffmpeg is not usable): ask the administrator."));
  }

  /** The {@code state} query parameter: empty when absent, 400 naming it when unknown. */
  static Optional<JobState> state(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(JobState.parse(raw).orElseThrow(() -> ApiError.badField("state",
        "state must be one of queued, running, done, failed or cancelled.")));
  }

  private static JsonObject items(List<Job> found, Account caller) {
    JsonArray items = new JsonArray();
    found.forEach(job -> items.add(JobJson.render(job, caller.isAdmin())));
    return new JsonObject().put("items", items);
  }
}
