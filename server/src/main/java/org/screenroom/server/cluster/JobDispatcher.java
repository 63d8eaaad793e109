package org.screenroom.server.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.screenroom.catalog.job.Job;
import org.screenroom.catalog.job.JobState;
import org.screenroom.catalog.job.JobStore;
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.server.jobs.JobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's side of clustered transcoding: hands queued jobs to the workers that ask, records
 * what they report in the catalog, and queues again the jobs of a worker that left the cluster
 * or let its lease run out. While no worker is present the server's own {@link JobRunner} takes
 * the jobs, as on a single machine. Catalog work runs on worker threads, never the event loop.
 */
public final class JobDispatcher implements JobRunner.Placement {
  private static final Logger LOG = LoggerFactory.getLogger(JobDispatcher.class);

  private final Vertx vertx;
  private final String nodeId;
  private final JobStore jobs;
  private final Ingestor ingestor;
  private final JobRunner runner;
  private final Clock clock;
  private final Duration lease;
  /** Workers heard from, with when; a worker that left is forgotten at once. */
  private final Map<String, Instant> workers = new ConcurrentHashMap<>();
  private final List<Long> timers = new ArrayList<>();
  /** The cluster's members now, by node id (the ids workers and runners go by). */
  private volatile java.util.function.Supplier<List<String>> members = List::of;
  private volatile boolean closed;

  /**
   * Creates the dispatcher; nothing happens before {@link #start}.
   *
   * @param lease how long a job is held for a silent runner
   */
  public JobDispatcher(Vertx vertx, String nodeId, JobStore jobs, Ingestor ingestor,
      JobRunner runner, Clock clock, Duration lease) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.jobs = jobs;
    this.ingestor = ingestor;
    this.runner = runner;
    this.clock = clock;
    this.lease = lease;
  }

  /**
   * Listens to workers and to the cluster's membership, and sweeps leases every third of a
   * lease. Call it before the runner starts, so the runner takes jobs as a cluster member.
   */
  public void start(HazelcastClusterManager manager) {
    members = manager::getNodes;
    runner.placement(this);
    var bus = vertx.eventBus();
    bus.<JsonObject>consumer(JobMessages.CLAIM, m -> blocking(m, () -> claim(m.body())));
    bus.<JsonObject>consumer(JobMessages.PROGRESS, m -> blocking(m, () -> progress(m.body())));
    bus.<JsonObject>consumer(JobMessages.HEARTBEAT, m -> blocking(m, () -> heartbeat(m.body())));
    bus.<JsonObject>consumer(JobMessages.RESULT, m -> blocking(m, () -> result(m.body())));
    manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) { }

      @Override
      public void memberRemoved(MembershipEvent event) {
        left();
      }
    });
    long every = Math.max(200, lease.toMillis() / 3);
    timers.add(vertx.setPeriodic(every, t -> vertx.executeBlocking(() -> {
      sweep();
      return null;
    }, false)));
  }

  /** Stops listening to the timers (the event bus goes with Vert.x). */
  public void close() {
    closed = true;
    timers.forEach(vertx::cancelTimer);
  }

  // --- JobRunner.Placement: where this server's own runner stands ---

  @Override
  public boolean runHere() {
    Instant since = clock.instant().minus(lease);
    workers.values().removeIf(seen -> seen.isBefore(since));
    if (!workers.isEmpty()) {
      workers.keySet().retainAll(members.get());
    }
    return workers.isEmpty();
  }

  @Override
  public String runnerId() {
    return nodeId;
  }

  @Override
  public Instant leaseUntil() {
    return clock.instant().plus(lease);
  }

  @Override
  public boolean recoverAllRunning() {
    return false;
  }

  @Override
  public void queued() {
    vertx.eventBus().publish(JobMessages.WAKE, new JsonObject());
  }

  @Override
  public boolean cancelElsewhere(String jobId) {
    Optional<Job> job = jobs.find(jobId).filter(j -> j.state() == JobState.RUNNING);
    if (job.isEmpty() || jobs.runner(jobId).isEmpty()) {
      return false;
    }
    // Every member hears it; the one running the job stops its ffmpeg and reports cancelled.
    vertx.eventBus().publish(JobMessages.CANCEL, new JsonObject().put("jobId", jobId));
    return true;
  }

  /** Whether a worker was heard from within a lease (tests, the start-up log). */
  public boolean workersPresent() {
    return !runHere();
  }

  // --- the workers' requests, on worker threads ---

  JsonObject claim(JsonObject body) {
    String worker = body.getString("worker");
    if (closed || worker == null) {
      return new JsonObject();
    }
    workers.put(worker, clock.instant());
    Optional<Job> job = jobs.takeNext(worker, clock.instant().plus(lease));
    if (job.isEmpty()) {
      return new JsonObject();
    }
    LOG.info("job {} (film {}, attempt {}) handed to worker {}", job.get().id(),
        job.get().filmId(), job.get().attempt(), worker);
    return JobMessages.assignment(new JobMessages.Assignment(job.get().id(), job.get().filmId(),
        heartbeatMillis()));
  }

  JsonObject progress(JsonObject body) {
    String worker = body.getString("worker");
    String jobId = body.getString("jobId");
    workers.put(worker, clock.instant());
    boolean held = jobs.renew(jobId, worker, clock.instant().plus(lease));
    if (held) {
      jobs.recordProgress(jobId, JobMessages.progress(body));
      Optional.ofNullable(body.getString("filmId")).ifPresent(filmId ->
          ingestor.progressed(filmId, JobMessages.progress(body).percent()));
    }
    return new JsonObject().put("running", held);
  }

  JsonObject heartbeat(JsonObject body) {
    String worker = body.getString("worker");
    workers.put(worker, clock.instant());
    JsonArray lost = new JsonArray();
    for (Object id : body.getJsonArray("jobs", new JsonArray())) {
      if (!jobs.renew(id.toString(), worker, clock.instant().plus(lease))) {
        lost.add(id.toString());
      }
    }
    return new JsonObject().put("lost", lost);
  }

  JsonObject result(JsonObject body) {
    String worker = body.getString("worker");
    workers.put(worker, clock.instant());
    boolean recorded = runner.endedElsewhere(body.getString("jobId"), worker,
        JobMessages.report(body));
    return new JsonObject().put("recorded", recorded);
  }

  /** A member left: its jobs are queued again, and this server's runner looks at the queue. */
  void left() {
    vertx.executeBlocking(() -> {
      requeueDeparted();
      runner.wake();
      return null;
    }, false).onFailure(e -> LOG.warn("could not requeue the jobs of a member that left", e));
  }

  /** Jobs running for a member no longer in the cluster are queued again. */
  private void requeueDeparted() {
    java.util.Set<String> alive = new java.util.HashSet<>(members.get());
    workers.keySet().retainAll(alive);
    for (String id : jobs.idsInState(JobState.RUNNING)) {
      jobs.runner(id).filter(r -> !alive.contains(r))
          .ifPresent(r -> runner.requeueAbandoned(id, r, clock.instant()));
    }
  }

  /** Jobs whose runner let its lease run out are queued again; this server renews its own. */
  void sweep() {
    if (closed) {
      return;
    }
    try {
      Instant now = clock.instant();
      for (String id : runner.runningHere()) {
        jobs.renew(id, nodeId, now.plus(lease));
      }
      for (String id : jobs.expired(now)) {
        runner.requeueAbandoned(id, null, now);
      }
      requeueDeparted();
    } catch (RuntimeException e) {
      LOG.warn("could not sweep the transcode leases", e);
    }
  }

  private long heartbeatMillis() {
    return Math.max(200, lease.toMillis() / 3);
  }

  private void blocking(Message<JsonObject> m, Callable<JsonObject> work) {
    vertx.executeBlocking(work, false).onComplete(r -> {
      if (r.succeeded()) {
        m.reply(r.result());
      } else {
        LOG.warn("could not answer {} from a worker", m.address(), r.cause());
        m.fail(500, String.valueOf(r.cause().getMessage()));
      }
    });
  }
}
