package org.screenroom.catalog.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.db.Timestamps;

/**
 * Transcode jobs in the catalog. Every state change is one conditional UPDATE naming the state it
 * leaves, and answers whether it happened: a runner that loses a race sees {@code false}, never a
 * job taken twice. Every method blocks on JDBC: call it from a worker.
 */
public final class JobStore {
  /** How many times a lost race for the head of the queue is retried before giving up. */
  private static final int TAKE_ATTEMPTS = 16;

  private final Jdbi jdbi;
  private final Clock clock;

  /** Creates the store over {@code database}, stamping rows with {@code clock}. */
  public JobStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /**
   * Queues a transcode of the film, or answers the film's job that is already queued or running
   * (a film has at most one).
   */
  public Job enqueue(String filmId) {
    String id = Ids.newId();
    try {
      // One transaction: a worker taking the job between the insert and the read would otherwise
      // make the answer say "running" for a job this call just queued.
      return jdbi.inTransaction(h -> {
        h.createUpdate(JobSql.ENQUEUE).bind("id", id).bind("filmId", filmId).bind("now", now())
            .execute();
        return h.createQuery(JobSql.SELECT_ONE).bind("id", id).map((rs, ctx) -> read(rs)).one();
      });
    } catch (UnableToExecuteStatementException e) {
      if (isUniqueViolation(e)) {
        return active(filmId).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  /**
   * Queues a new attempt after {@code jobId}, when that job failed or was cancelled and is its
   * film's latest attempt.
   *
   * @return the new job, or empty when the job cannot be retried
   */
  public Optional<Job> retry(String jobId) {
    String id = Ids.newId();
    try {
      int rows = jdbi.withHandle(h -> h.createUpdate(JobSql.RETRY).bind("id", id)
          .bind("jobId", jobId).bind("now", now()).execute());
      return rows == 1 ? find(id) : Optional.empty();
    } catch (UnableToExecuteStatementException e) {
      if (isUniqueViolation(e)) {
        return Optional.empty(); // another retry of the same job won
      }
      throw e;
    }
  }

  /** The job with {@code id}, if any. */
  public Optional<Job> find(String id) {
    if (!Ids.isValid(id)) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> h.createQuery(JobSql.SELECT_ONE).bind("id", id)
        .map((rs, ctx) -> read(rs)).findOne());
  }

  /** The film's jobs, newest attempt first. */
  public List<Job> forFilm(String filmId) {
    return jdbi.withHandle(h -> h.createQuery(JobSql.FOR_FILM).bind("filmId", filmId)
        .map((rs, ctx) -> read(rs)).list());
  }

  /** The film's queued or running job, if any. */
  public Optional<Job> active(String filmId) {
    return jdbi.withHandle(h -> h.createQuery(JobSql.ACTIVE_FOR_FILM).bind("filmId", filmId)
        .map((rs, ctx) -> read(rs)).findOne());
  }

  /** Jobs in {@code state} (every job when empty), newest first, at most {@code limit}. */
  public List<Job> list(Optional<JobState> state, int limit) {
    return jdbi.withHandle(h -> h.createQuery(JobSql.LIST)
        .bind("state", state.map(JobState::wire).orElse(null)).bind("limit", limit)
        .map((rs, ctx) -> read(rs)).list());
  }

  /** Ids of the jobs in {@code state}, in queue order. */
  public List<String> idsInState(JobState state) {
    return jdbi.withHandle(h -> h.createQuery(JobSql.IDS_IN_STATE).bind("state", state.wire())
        .mapTo(String.class).list());
  }

  /** Moves a queued job to running; false when it is not queued (another runner took it). */
  public boolean take(String jobId) {
    return take(jobId, null, null);
  }

  /**
   * Moves a queued job to running for {@code runner}, who holds it until {@code leaseUntil}
   * unless it renews; false when it is not queued (another runner took it).
   *
   * @param runner who runs it (a cluster member's id), or null on a single machine
   * @param leaseUntil when the job may be taken from a silent runner, or null for never
   */
  public boolean take(String jobId, String runner, Instant leaseUntil) {
    return jdbi.withHandle(h -> h.createUpdate(JobSql.TAKE).bind("id", jobId)
        .bind("runner", runner).bind("leaseUntil", Timestamps.format(leaseUntil))
        .bind("now", now()).execute()) == 1;
  }

  /** Takes the oldest queued job, if any; concurrent callers each get a different job. */
  public Optional<Job> takeNext() {
    return takeNext(null, null);
  }

  /**
   * Takes the oldest queued job for {@code runner} (see {@link #take(String, String, Instant)});
   * concurrent callers, in this process or any other sharing the catalog, each get a different
   * job: the read of the head and its conditional update are one transaction, and a lost race
   * (the update changing nothing) looks at the queue again.
   */
  public Optional<Job> takeNext(String runner, Instant leaseUntil) {
    String lease = Timestamps.format(leaseUntil);
    for (int i = 0; i < TAKE_ATTEMPTS; i++) {
      Optional<Optional<Job>> taken = jdbi.inTransaction(h -> {
        Optional<String> head = h.createQuery(JobSql.NEXT_QUEUED).mapTo(String.class).findOne();
        if (head.isEmpty()) {
          return Optional.of(Optional.<Job>empty());
        }
        int rows = h.createUpdate(JobSql.TAKE).bind("id", head.get()).bind("runner", runner)
            .bind("leaseUntil", lease).bind("now", now()).execute();
        if (rows == 0) {
          return Optional.<Optional<Job>>empty(); // another runner took it first: look again
        }
        return Optional.of(h.createQuery(JobSql.SELECT_ONE).bind("id", head.get())
            .map((rs, ctx) -> read(rs)).findOne());
      });
      if (taken.isPresent()) {
        return taken.get();
      }
    }
    return Optional.empty();
  }

  /** Extends {@code runner}'s lease on its running job; false when the job is no longer its. */
  public boolean renew(String jobId, String runner, Instant leaseUntil) {
    return jdbi.withHandle(h -> h.createUpdate(JobSql.RENEW).bind("id", jobId)
        .bind("runner", runner).bind("leaseUntil", Timestamps.format(leaseUntil))
        .execute()) == 1;
  }

  /** Who runs the job (a cluster member's id), when it is running for a named runner. */
  public Optional<String> runner(String jobId) {
    return jdbi.withHandle(h -> h.createQuery(JobSql.RUNNER).bind("id", jobId)
        .mapTo(String.class).findOne()).filter(r -> r != null);
  }

  /** Ids of the running jobs whose lease ran out before {@code now}, in queue order. */
  public List<String> expired(Instant now) {
    return jdbi.withHandle(h -> h.createQuery(JobSql.EXPIRED)
        .bind("now", Timestamps.format(now)).mapTo(String.class).list());
  }

  /**
   * Running -> queued, keeping its place, when its lease ran out before {@code at} and was not
   * renewed since; false when its runner renewed in time or it is no longer running.
   */
  public boolean requeueExpired(String jobId, Instant at) {
    return jdbi.withHandle(h -> h.createUpdate(JobSql.REQUEUE_EXPIRED).bind("id", jobId)
        .bind("at", Timestamps.format(at)).bind("now", now()).execute()) == 1;
  }

  /** Ids of the jobs running for {@code runner}, in queue order. */
  public List<String> runBy(String runner) {
    return jdbi.withHandle(h -> h.createQuery(JobSql.RUN_BY).bind("runner", runner)
        .mapTo(String.class).list());
  }

  /**
   * Running -> queued, keeping its place, only while {@code runner} still holds it: of two
   * servers noticing the same dead worker, one requeues, and a job already taken again by
   * another worker is left alone.
   */
  public boolean requeueFrom(String jobId, String runner) {
    return jdbi.withHandle(h -> h.createUpdate(JobSql.REQUEUE_FROM).bind("id", jobId)
        .bind("runner", runner).bind("now", now()).execute()) == 1;
  }

  /** Records a running job's progress; false when it is no longer running. */
  public boolean recordProgress(String jobId, JobProgress progress) {
    return jdbi.withHandle(h -> h.createUpdate(JobSql.PROGRESS).bind("id", jobId)
        .bind("percent", progress.percent()).bind("fps", progress.fps())
        .bind("speed", progress.speed()).bind("eta", progress.etaSeconds())
        .bind("now", now()).execute()) == 1;
  }

  /** Running -> done. */
  public boolean finish(String jobId) {
    return change(JobSql.FINISH, jobId) == 1;
  }

  /** Running -> failed, with a sentence for the filmmaker and detail for the administrator. */
  public boolean fail(String jobId, String error, String detail) {
    return jdbi.withHandle(h -> h.createUpdate(JobSql.FAIL).bind("id", jobId).bind("error", error)
        .bind("detail", detail).bind("now", now()).execute()) == 1;
  }

  /** Queued -> cancelled (never started), with a sentence for the filmmaker. */
  public boolean cancelQueued(String jobId, String error) {
    return cancel(jobId, JobState.QUEUED, error);
  }

  /** Running -> cancelled, once its runner stopped ffmpeg and removed the partial output. */
  public boolean cancelRunning(String jobId, String error) {
    return cancel(jobId, JobState.RUNNING, error);
  }

  /**
   * Ends a job run by {@code runner} elsewhere (a clustered worker's result): running -> done,
   * failed or cancelled in one UPDATE conditional on the job still running for that runner, and,
   * only when it did, {@code alongside} (the film's side of the end) in the same transaction, so
   * that whoever sees the job ended sees the film ended too. A late result from a runner that
   * lost the job (its lease ran out or it left the cluster, and the job was queued again and
   * perhaps taken by another) changes nothing: the requeue and this end both name the state
   * they leave, so exactly one of them happens. The lease itself is not checked: a result that
   * comes while its lease is out of date but before anyone requeued the job is still the job's.
   *
   * @param ending {@link JobState#DONE}, {@link JobState#FAILED} or {@link JobState#CANCELLED}
   * @param error the filmmaker's sentence when failed or cancelled, else ignored
   * @param detail the administrator's detail when failed, else ignored
   * @param alongside catalog writes to commit with the end (through this catalog's stores, on
   *                  this thread, they join its transaction); not run when nothing ended
   * @return whether the job was {@code runner}'s and is now ended
   * @throws IllegalArgumentException when {@code ending} is not an end
   */
  public boolean endFor(String jobId, String runner, JobState ending, String error, String detail,
      Runnable alongside) {
    if (!ending.finished()) {
      throw new IllegalArgumentException("not how a job ends: " + ending);
    }
    return jdbi.inTransaction(h -> {
      var update = switch (ending) {
        case DONE -> h.createUpdate(JobSql.FINISH_FOR);
        case FAILED -> h.createUpdate(JobSql.FAIL_FOR).bind("error", error).bind("detail", detail);
        default -> h.createUpdate(JobSql.CANCEL_FOR).bind("from", JobState.RUNNING.wire())
            .bind("error", error);
      };
      int rows = update.bind("id", jobId).bind("runner", runner).bind("now", now()).execute();
      if (rows == 1) {
        alongside.run();
      }
      return rows == 1;
    });
  }

  /** Running -> queued, keeping its place: its runner stopped (shutdown, crash) before the end. */
  public boolean requeue(String jobId) {
    return change(JobSql.REQUEUE, jobId) == 1;
  }

  private boolean cancel(String jobId, JobState from, String error) {
    return jdbi.withHandle(h -> h.createUpdate(JobSql.CANCEL).bind("id", jobId)
        .bind("from", from.wire()).bind("error", error).bind("now", now()).execute()) == 1;
  }

  private int change(String sql, String jobId) {
    return jdbi.withHandle(h -> h.createUpdate(sql).bind("id", jobId).bind("now", now()).execute());
  }

  private String now() {
    return Timestamps.format(clock.instant());
  }

  private static Job read(ResultSet rs) throws SQLException {
    Object eta = rs.getObject("eta_seconds");
    JobProgress progress = new JobProgress(rs.getInt("progress_percent"),
        doubleOrNull(rs.getObject("fps")), doubleOrNull(rs.getObject("speed")),
        eta == null ? null : ((Number) eta).longValue());
    return new Job(rs.getString("id"), rs.getString("film_id"),
        JobState.fromWire(rs.getString("state")), rs.getInt("attempt"), progress,
        rs.getString("error"), rs.getString("detail"),
        Timestamps.parse(rs.getString("queued_at")),
        Optional.ofNullable(Timestamps.parse(rs.getString("started_at"))),
        Optional.ofNullable(Timestamps.parse(rs.getString("finished_at"))),
        Timestamps.parse(rs.getString("updated_at")));
  }

  private static Double doubleOrNull(Object column) {
    return column == null ? null : ((Number) column).doubleValue();
  }

  /** Whether a failed statement broke a UNIQUE constraint (SQLite's or PostgreSQL's code). */
  static boolean isUniqueViolation(UnableToExecuteStatementException e) {
    Throwable cause = e.getCause();
    if (cause instanceof SQLException sql) {
      return "23505".equals(sql.getSQLState())
          || (sql.getMessage() != null && sql.getMessage().contains("UNIQUE constraint failed"));
    }
    return false;
  }
}
