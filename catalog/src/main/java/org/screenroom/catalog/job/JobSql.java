package org.screenroom.catalog.job;

/**
 * The transcode jobs' SQL, in one place and named. Every state change names the state it leaves
 * in its WHERE clause, so of two runners racing for a job exactly one sees a changed row.
 */
final class JobSql {
  private JobSql() {}

  /** A new queued job numbered after the film's previous attempts. */
  static final String ENQUEUE = """
      INSERT INTO transcode_jobs (id, film_id, state, attempt, progress_percent, queued_at, updated_at)
      SELECT :id, :filmId, 'queued', COALESCE(MAX(attempt), 0) + 1, 0, :now, :now
      FROM transcode_jobs WHERE film_id = :filmId
      """;

  /** A new attempt after a failed or cancelled job, only if that job is the film's latest. */
  static final String RETRY = """
      INSERT INTO transcode_jobs (id, film_id, state, attempt, progress_percent, queued_at, updated_at)
      SELECT :id, j.film_id, 'queued', j.attempt + 1, 0, :now, :now
      FROM transcode_jobs j
      WHERE j.id = :jobId AND j.state IN ('failed', 'cancelled')
        AND j.attempt = (SELECT MAX(attempt) FROM transcode_jobs WHERE film_id = j.film_id)
      """;

  static final String SELECT_ONE = "SELECT * FROM transcode_jobs WHERE id = :id";
  static final String FOR_FILM =
      "SELECT * FROM transcode_jobs WHERE film_id = :filmId ORDER BY attempt DESC";
  static final String ACTIVE_FOR_FILM = """
      SELECT * FROM transcode_jobs WHERE film_id = :filmId AND state IN ('queued', 'running')
      """;
  static final String LIST = """
      SELECT * FROM transcode_jobs WHERE (:state IS NULL OR state = :state)
      ORDER BY queued_at DESC, rowid DESC LIMIT :limit
      """;
  /** The head of the queue: oldest first, insertion order breaking ties of the same millisecond. */
  static final String NEXT_QUEUED = """
      SELECT id FROM transcode_jobs WHERE state = 'queued' ORDER BY queued_at, rowid LIMIT 1
      """;
  static final String IDS_IN_STATE =
      "SELECT id FROM transcode_jobs WHERE state = :state ORDER BY queued_at, rowid";

  /** Takes a queued job for a runner (null on a single machine) holding it until :leaseUntil. */
  static final String TAKE = """
      UPDATE transcode_jobs SET state = 'running', started_at = :now, updated_at = :now,
             progress_percent = 0, fps = NULL, speed = NULL, eta_seconds = NULL,
             runner = :runner, lease_until = :leaseUntil
      WHERE id = :id AND state = 'queued'
      """;
  /** Extends a runner's hold on its running job; nothing when the job left it. */
  static final String RENEW = """
      UPDATE transcode_jobs SET lease_until = :leaseUntil
      WHERE id = :id AND state = 'running' AND runner = :runner
      """;
  static final String RUNNER = "SELECT runner FROM transcode_jobs WHERE id = :id";
  /** Running jobs whose runner's lease ran out before :now (a runner that never renews has none). */
  static final String EXPIRED = """
      SELECT id FROM transcode_jobs
      WHERE state = 'running' AND lease_until IS NOT NULL AND lease_until < :now
      ORDER BY queued_at, rowid
      """;
  static final String RUN_BY = """
      SELECT id FROM transcode_jobs WHERE state = 'running' AND runner = :runner
      ORDER BY queued_at, rowid
      """;
  /** Puts a running job back in the queue only while its lease is still out of date. */
  static final String REQUEUE_EXPIRED = """
      UPDATE transcode_jobs SET state = 'queued', started_at = NULL, progress_percent = 0,
             fps = NULL, speed = NULL, eta_seconds = NULL, runner = NULL, lease_until = NULL,
             updated_at = :now
      WHERE id = :id AND state = 'running' AND lease_until IS NOT NULL AND lease_until < :at
      """;
  /** Puts a running job back in the queue only while :runner still holds it. */
  static final String REQUEUE_FROM = """
      UPDATE transcode_jobs SET state = 'queued', started_at = NULL, progress_percent = 0,
             fps = NULL, speed = NULL, eta_seconds = NULL, runner = NULL, lease_until = NULL,
             updated_at = :now
      WHERE id = :id AND state = 'running' AND runner = :runner
      """;
  static final String PROGRESS = """
      UPDATE transcode_jobs SET progress_percent = :percent, fps = :fps, speed = :speed,
             eta_seconds = :eta, updated_at = :now
      WHERE id = :id AND state = 'running'
      """;
  static final String FINISH = """
      UPDATE transcode_jobs SET state = 'done', progress_percent = 100, eta_seconds = 0,
             error = NULL, finished_at = :now, updated_at = :now
      WHERE id = :id AND state = 'running'
      """;
  static final String FAIL = """
      UPDATE transcode_jobs SET state = 'failed', error = :error, detail = :detail,
             eta_seconds = NULL, finished_at = :now, updated_at = :now
      WHERE id = :id AND state = 'running'
      """;
  /** Cancels a job that is queued or running; a running job's runner must stop it. */
  static final String CANCEL = """
      UPDATE transcode_jobs SET state = 'cancelled', error = :error, eta_seconds = NULL,
             finished_at = :now, updated_at = :now
      WHERE id = :id AND state = :from
      """;
  /** Puts a running job back at its place in the queue (its runner stopped before the end). */
  static final String REQUEUE = """
      UPDATE transcode_jobs SET state = 'queued', started_at = NULL, progress_percent = 0,
             fps = NULL, speed = NULL, eta_seconds = NULL, runner = NULL, lease_until = NULL,
             updated_at = :now
      WHERE id = :id AND state = 'running'
      """;

  /**
   * {@code sql} (a running job's end) made conditional on its runner too: a runner that lost its
   * job (requeued after its lease ran out or it left, then taken by another) ends nothing.
   */
  private static String heldBy(String sql) {
    return sql.stripTrailing() + " AND runner = :runner\n";
  }

  /** Running -> done, only while :runner holds it. */
  static final String FINISH_FOR = heldBy(FINISH);
  /** Running -> failed, only while :runner holds it. */
  static final String FAIL_FOR = heldBy(FAIL);
  /** Running -> cancelled, only while :runner holds it (:from is 'running'). */
  static final String CANCEL_FOR = heldBy(CANCEL);
}
