package org.screenroom.catalog.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.MutableClock;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.PasswordHasher;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.film.Visibility;

class JobStoreTest {
  @TempDir Path dir;

  /** The catalog under test: a SQLite file here, PostgreSQL in {@link JobStorePostgresTest}. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private FilmStore films;
  private JobStore jobs;
  private String owner;

  @BeforeEach
  void setUp() {
    Database db = open();
    owner = new AccountStore(db, clock, new PasswordHasher())
        .create("ada", "pw-long-enough", Role.FILMMAKER).id();
    films = new FilmStore(db, clock);
    jobs = new JobStore(db, clock);
  }

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
  }

  private String film() {
    return films.create(owner, FilmMetadata.titled("Film", Visibility.PRIVATE)).id();
  }

  /** A job of a fresh film brought into {@code state} through the allowed moves. */
  private Job jobIn(JobState state) {
    Job job = jobs.enqueue(film());
    switch (state) {
      case QUEUED -> { }
      case RUNNING -> jobs.take(job.id());
      case DONE -> {
        jobs.take(job.id());
        jobs.finish(job.id());
      }
      case FAILED -> {
        jobs.take(job.id());
        jobs.fail(job.id(), "Encoding failed.", "ffmpeg said no");
      }
      case CANCELLED -> jobs.cancelQueued(job.id(), "Cancelled.");
    }
    assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(state);
    return job;
  }

  private static BiPredicate<JobStore, String> operation(String name) {
    return switch (name) {
      case "take" -> JobStore::take;
      case "progress" -> (s, id) -> s.recordProgress(id, new JobProgress(40, 25.0, 1.5, 12L));
      case "finish" -> JobStore::finish;
      case "fail" -> (s, id) -> s.fail(id, "Encoding failed.", "detail");
      case "cancelQueued" -> (s, id) -> s.cancelQueued(id, "Cancelled.");
      case "cancelRunning" -> (s, id) -> s.cancelRunning(id, "Cancelled.");
      case "requeue" -> JobStore::requeue;
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
      "QUEUED,    take,          RUNNING",
      "QUEUED,    progress,      ",
      "QUEUED,    finish,        ",
      "QUEUED,    fail,          ",
      "QUEUED,    cancelQueued,  CANCELLED",
      "QUEUED,    cancelRunning, ",
      "QUEUED,    requeue,       ",
      "RUNNING,   take,          ",
      "RUNNING,   progress,      RUNNING",
      "RUNNING,   finish,        DONE",
      "RUNNING,   fail,          FAILED",
      "RUNNING,   cancelQueued,  ",
      "RUNNING,   cancelRunning, CANCELLED",
      "RUNNING,   requeue,       QUEUED",
      "DONE,      take,          ",
      "DONE,      progress,      ",
      "DONE,      fail,          ",
      "DONE,      cancelQueued,  ",
      "DONE,      cancelRunning, ",
      "DONE,      requeue,       ",
      "FAILED,    take,          ",
      "FAILED,    finish,        ",
      "FAILED,    cancelRunning, ",
      "FAILED,    requeue,       ",
      "CANCELLED, take,          ",
      "CANCELLED, finish,        ",
      "CANCELLED, fail,          ",
      "CANCELLED, requeue,       ",
  })
  void transitions_allowedChangeState_refusedChangeNothing(JobState from, String op, JobState to) {
    Job job = jobIn(from);
    Job before = jobs.find(job.id()).orElseThrow();

    boolean changed = operation(op).test(jobs, job.id());

    Job after = jobs.find(job.id()).orElseThrow();
    assertThat(changed).isEqualTo(to != null);
    if (to == null) {
      assertThat(after).isEqualTo(before);
    } else {
      assertThat(after.state()).isEqualTo(to);
    }
  }

  @Test
  void lifecycle_recordsTimesProgressErrorAndDetail() {
    String filmId = film();
    Job queued = jobs.enqueue(filmId);
    assertThat(queued).extracting(Job::state, Job::attempt, Job::progress)
        .containsExactly(JobState.QUEUED, 1, JobProgress.NONE);
    assertThat(queued.startedAt()).isEmpty();

    clock.advance(Duration.ofSeconds(5));
    assertThat(jobs.take(queued.id())).isTrue();
    clock.advance(Duration.ofSeconds(1));
    jobs.recordProgress(queued.id(), new JobProgress(42, 48.5, 1.9, 30L));
    Job running = jobs.find(queued.id()).orElseThrow();
    assertThat(running.startedAt()).contains(Instant.parse("2026-03-01T10:00:05Z"));
    assertThat(running.progress()).isEqualTo(new JobProgress(42, 48.5, 1.9, 30L));
    assertThat(running.updatedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:06Z"));

    jobs.fail(queued.id(), "Encoding the film failed.", "ffmpeg exited 1\nInvalid data");
    Job failed = jobs.find(queued.id()).orElseThrow();
    assertThat(failed).extracting(Job::state, Job::error, Job::detail)
        .containsExactly(JobState.FAILED, "Encoding the film failed.", "ffmpeg exited 1\nInvalid data");
    assertThat(failed.finishedAt()).contains(Instant.parse("2026-03-01T10:00:06Z"));
  }

  @Test
  void enqueue_whileAJobIsActive_answersThatJob() {
    String filmId = film();
    Job first = jobs.enqueue(filmId);

    assertThat(jobs.enqueue(filmId)).isEqualTo(first);
    jobs.take(first.id());
    assertThat(jobs.enqueue(filmId).id()).isEqualTo(first.id());
    assertThat(jobs.forFilm(filmId)).hasSize(1);
  }

  @Test
  void retry_ofLatestFailedOrCancelledJob_queuesTheNextAttempt_once() {
    Job failed = jobIn(JobState.FAILED);
    clock.advance(Duration.ofMinutes(1));

    Job second = jobs.retry(failed.id()).orElseThrow();

    assertThat(second).extracting(Job::filmId, Job::state, Job::attempt)
        .containsExactly(failed.filmId(), JobState.QUEUED, 2);
    assertThat(jobs.retry(failed.id())).as("not the latest attempt any more").isEmpty();
    jobs.cancelQueued(second.id(), "Cancelled.");
    assertThat(jobs.retry(second.id()).orElseThrow().attempt()).isEqualTo(3);
    assertThat(jobs.forFilm(failed.filmId())).extracting(Job::attempt).containsExactly(3, 2, 1);
  }

  @ParameterizedTest
  @CsvSource({"QUEUED", "RUNNING", "DONE"})
  void retry_ofActiveOrDoneJob_isRefused(JobState state) {
    Job job = jobIn(state);

    assertThat(jobs.retry(job.id())).isEmpty();
    assertThat(jobs.retry("no-such-job1")).isEmpty();
  }

  @Test
  void takeNext_takesInQueueOrder_andRequeuedJobsKeepTheirPlace() {
    Job a = jobs.enqueue(film());
    Job b = jobs.enqueue(film()); // same millisecond as a: insertion order decides
    clock.advance(Duration.ofSeconds(1));
    Job c = jobs.enqueue(film());

    assertThat(jobs.takeNext().map(Job::id)).contains(a.id());
    assertThat(jobs.requeue(a.id())).isTrue();
    assertThat(jobs.takeNext().map(Job::id)).contains(a.id());
    assertThat(jobs.takeNext().map(Job::id)).contains(b.id());
    assertThat(jobs.takeNext().map(Job::id)).contains(c.id());
    assertThat(jobs.takeNext()).isEmpty();
  }

  @Test
  void list_filtersByState_newestFirst() {
    Job a = jobIn(JobState.FAILED);
    clock.advance(Duration.ofSeconds(1));
    Job b = jobIn(JobState.QUEUED);
    clock.advance(Duration.ofSeconds(1));
    Job c = jobIn(JobState.FAILED);

    assertThat(jobs.list(Optional.of(JobState.FAILED), 10)).extracting(Job::id)
        .containsExactly(c.id(), a.id());
    assertThat(jobs.list(Optional.empty(), 10)).extracting(Job::id)
        .containsExactly(c.id(), b.id(), a.id());
    assertThat(jobs.list(Optional.empty(), 1)).hasSize(1);
  }

  @Test
  void deletingTheFilm_deletesItsJobs() {
    Job job = jobIn(JobState.DONE);

    films.delete(job.filmId());

    assertThat(jobs.find(job.id())).isEmpty();
  }

  @Test
  void take_twoStoresOnOneFileRacing_neverBothWin() throws Exception {
    // A second Database over the same file stands for a second runner (a clustered worker).
    JobStore other = new JobStore(open(), clock);
    for (int round = 0; round < 40; round++) {
      String jobId = jobs.enqueue(film()).id();
      CountDownLatch go = new CountDownLatch(1);
      Future<Boolean> first = threads.submit(() -> {
        go.await();
        return jobs.take(jobId);
      });
      Future<Boolean> second = threads.submit(() -> {
        go.await();
        return other.take(jobId);
      });
      go.countDown();

      assertThat(List.of(first.get(), second.get())).as("round " + round)
          .containsExactlyInAnyOrder(true, false);
    }
  }

  @Test
  void takeNext_twoStoresDrainingOneQueue_takeEachJobExactlyOnce() throws Exception {
    JobStore other = new JobStore(open(), clock);
    Set<String> queued = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      queued.add(jobs.enqueue(film()).id());
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> runners = new ArrayList<>();
    for (JobStore store : List.of(jobs, other)) {
      runners.add(threads.submit(() -> {
        go.await();
        List<String> taken = new ArrayList<>();
        for (Optional<Job> job = store.takeNext(); job.isPresent(); job = store.takeNext()) {
          taken.add(job.get().id());
        }
        return taken;
      }));
    }
    go.countDown();

    List<String> all = new ArrayList<>(runners.get(0).get());
    all.addAll(runners.get(1).get());
    assertThat(all).doesNotHaveDuplicates();
    assertThat(new HashSet<>(all)).isEqualTo(queued);
  }

  @Test
  void lease_renewedByItsRunner_keepsTheJob_expiredIsQueuedAgainAtItsPlace() {
    Job a = jobs.enqueue(film());
    clock.advance(Duration.ofSeconds(1));
    Job b = jobs.enqueue(film());
    Instant t0 = clock.instant();
    assertThat(jobs.takeNext("worker-1", t0.plusSeconds(30)).map(Job::id)).contains(a.id());
    assertThat(jobs.takeNext("worker-2", t0.plusSeconds(30)).map(Job::id)).contains(b.id());
    assertThat(jobs.runner(a.id())).contains("worker-1");

    // Only the holder renews.
    assertThat(jobs.renew(a.id(), "worker-2", t0.plusSeconds(60))).isFalse();
    assertThat(jobs.renew(a.id(), "worker-1", t0.plusSeconds(60))).isTrue();

    Instant later = t0.plusSeconds(45);
    assertThat(jobs.expired(later)).containsExactly(b.id());
    assertThat(jobs.requeueExpired(a.id(), later)).as("renewed in time").isFalse();
    assertThat(jobs.requeueExpired(b.id(), later)).isTrue();
    assertThat(jobs.requeueExpired(b.id(), later)).as("only once").isFalse();

    Job again = jobs.find(b.id()).orElseThrow();
    assertThat(again.state()).isEqualTo(JobState.QUEUED);
    assertThat(jobs.runner(b.id())).isEmpty();
    assertThat(jobs.takeNext().map(Job::id)).contains(b.id());
  }

  @Test
  void requeueFrom_onlyWhileThatRunnerHoldsTheJob() {
    Job a = jobs.enqueue(film());
    Job b = jobs.enqueue(film());
    jobs.take(a.id(), "worker-1", clock.instant().plusSeconds(30));
    jobs.take(b.id(), "worker-2", clock.instant().plusSeconds(30));

    assertThat(jobs.runBy("worker-1")).containsExactly(a.id());
    assertThat(jobs.requeueFrom(b.id(), "worker-1")).isFalse();
    assertThat(jobs.requeueFrom(a.id(), "worker-1")).isTrue();
    assertThat(jobs.runBy("worker-1")).isEmpty();
    assertThat(jobs.find(a.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    assertThat(jobs.find(b.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void takeNext_forRunners_twoStoresDrainingOneQueue_takeEachJobExactlyOnce() throws Exception {
    JobStore other = new JobStore(open(), clock);
    Set<String> queued = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      queued.add(jobs.enqueue(film()).id());
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<String>>> runners = new ArrayList<>();
    Instant lease = clock.instant().plusSeconds(30);
    int n = 0;
    for (JobStore store : List.of(jobs, other)) {
      String runner = "worker-" + (++n);
      runners.add(threads.submit(() -> {
        go.await();
        List<String> taken = new ArrayList<>();
        for (Optional<Job> job = store.takeNext(runner, lease); job.isPresent();
            job = store.takeNext(runner, lease)) {
          assertThat(store.runner(job.get().id())).contains(runner);
          taken.add(job.get().id());
        }
        return taken;
      }));
    }
    go.countDown();

    List<String> all = new ArrayList<>(runners.get(0).get());
    all.addAll(runners.get(1).get());
    assertThat(all).doesNotHaveDuplicates();
    assertThat(new HashSet<>(all)).isEqualTo(queued);
  }

  /** How the job stands when worker-1's result comes in. */
  private Job jobWhenTheResultComes(String before) {
    Job job = jobs.enqueue(film());
    Instant lease = clock.instant().plusSeconds(30);
    jobs.take(job.id(), "worker-1", lease);
    Instant later = lease.plusSeconds(1);
    switch (before) {
      case "held" -> { }
      case "leaseOutOfDateNotRequeued" -> clock.advance(Duration.ofSeconds(31));
      case "requeuedAfterItsLease" -> jobs.requeueExpired(job.id(), later);
      case "takenByAnother" -> {
        jobs.requeueExpired(job.id(), later);
        jobs.take(job.id(), "worker-2", later.plusSeconds(30));
      }
      case "requeuedWhenItLeft" -> jobs.requeueFrom(job.id(), "worker-1");
      case "cancelled" -> jobs.cancelRunning(job.id(), "Cancelled.");
      case "alreadyEnded" -> jobs.endFor(job.id(), "worker-1", JobState.DONE, null, null, () -> { });
      default -> throw new IllegalArgumentException(before);
    }
    return job;
  }

  @ParameterizedTest(name = "{0}, worker-1 reports {1} -> ended {2}, job {3} for {4}")
  @CsvSource({
      "held,                      DONE,      true,  DONE,      worker-1",
      "held,                      FAILED,    true,  FAILED,    worker-1",
      "held,                      CANCELLED, true,  CANCELLED, worker-1",
      "leaseOutOfDateNotRequeued, DONE,      true,  DONE,      worker-1",
      "requeuedAfterItsLease,     DONE,      false, QUEUED,    ",
      "requeuedAfterItsLease,     FAILED,    false, QUEUED,    ",
      "takenByAnother,            DONE,      false, RUNNING,   worker-2",
      "takenByAnother,            CANCELLED, false, RUNNING,   worker-2",
      "requeuedWhenItLeft,        DONE,      false, QUEUED,    ",
      "cancelled,                 DONE,      false, CANCELLED, worker-1",
      "alreadyEnded,              FAILED,    false, DONE,      worker-1",
  })
  void endFor_endsTheJobOnlyWhileItsRunnerHoldsIt_andRunsTheFilmsSideOnlyThen(String before,
      JobState ending, boolean ended, JobState after, String runner) {
    Job job = jobWhenTheResultComes(before);
    List<String> alongside = new ArrayList<>();

    boolean result = jobs.endFor(job.id(), "worker-1", ending, "Encoding failed.", "ffmpeg said no",
        () -> alongside.add("film"));

    assertThat(result).isEqualTo(ended);
    assertThat(alongside).isEqualTo(ended ? List.of("film") : List.of());
    Job now = jobs.find(job.id()).orElseThrow();
    assertThat(now.state()).isEqualTo(after);
    assertThat(jobs.runner(job.id())).isEqualTo(Optional.ofNullable(runner));
    if (ended) {
      assertThat(now.finishedAt()).isPresent();
      assertThat(now.progress().percent()).isEqualTo(ending == JobState.DONE ? 100 : 0);
      assertThat(now.error()).isEqualTo(ending == JobState.DONE ? null : "Encoding failed.");
      assertThat(now.detail()).isEqualTo(ending == JobState.FAILED ? "ffmpeg said no" : null);
    }
  }

  @ParameterizedTest
  @CsvSource({"QUEUED", "RUNNING"})
  void endFor_toAStateThatIsNoEnd_isRefused(JobState ending) {
    Job job = jobWhenTheResultComes("held");

    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        jobs.endFor(job.id(), "worker-1", ending, null, null, () -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void endFor_theFilmsSideFailing_leavesBothTheJobAndTheFilmAsTheyWere() {
    Job job = jobWhenTheResultComes("held");

    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        jobs.endFor(job.id(), "worker-1", JobState.DONE, null, null, () -> {
          // The film's side writes through its own store, then fails: one transaction with the
          // job's end, so neither is committed.
          films.markFailed(job.filmId(), "half-recorded");
          throw new IllegalStateException("the film could not be recorded");
        })).hasMessageContaining("the film could not be recorded");

    assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    assertThat(jobs.runner(job.id())).contains("worker-1");
    assertThat(films.find(job.filmId()).orElseThrow().error()).isNull();
  }

  @Test
  void endFor_racingTheRequeueOfItsExpiredLease_exactlyOneHappens() throws Exception {
    // A second Database over the same catalog stands for a second server sweeping leases.
    JobStore other = new JobStore(open(), clock);
    for (int round = 0; round < 30; round++) {
      Job job = jobs.enqueue(film());
      jobs.take(job.id(), "worker-1", clock.instant().plusSeconds(30));
      Instant past = clock.instant().plusSeconds(31);
      CountDownLatch go = new CountDownLatch(1);
      Future<Boolean> end = threads.submit(() -> {
        go.await();
        return jobs.endFor(job.id(), "worker-1", JobState.DONE, null, null, () -> { });
      });
      Future<Boolean> requeue = threads.submit(() -> {
        go.await();
        return other.requeueExpired(job.id(), past);
      });
      go.countDown();

      boolean ended = end.get();
      assertThat(List.of(ended, requeue.get())).as("round " + round)
          .containsExactlyInAnyOrder(true, false);
      assertThat(jobs.find(job.id()).orElseThrow().state()).as("round " + round)
          .isEqualTo(ended ? JobState.DONE : JobState.QUEUED);
    }
  }
}
