package org.screenroom.server.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Clock;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.app.ToolchainStatus;
import org.screenroom.server.config.ClusterConfig;
import org.screenroom.server.config.ServerConfig;
import org.screenroom.server.ingest.FilmTranscode;
import org.screenroom.server.jobs.ProgressObserver;
import org.screenroom.server.storage.FilmStorage;
import org.screenroom.server.storage.Storages;
import org.screenroom.transcode.Transcoder;
import org.screenroom.transcode.process.ProcessRunner;

/**
 * A running transcode worker process: a clustered Vert.x and the {@link TranscodeWorker} on it,
 * over the data directory the servers share (masters in, packages out). The one place a worker
 * touches storage is the {@link FilmFiles} given to its {@link FilmTranscode}.
 */
public final class WorkerNode implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(WorkerNode.class);
  /** How often an idle worker asks for a job when no wake-up came. */
  public static final long DEFAULT_POLL_MILLIS = 2_000;

  private final Vertx vertx;
  private final TranscodeWorker worker;
  private final FilmStorage storage;

  private WorkerNode(Vertx vertx, TranscodeWorker worker, FilmStorage storage) {
    this.vertx = vertx;
    this.worker = worker;
    this.storage = storage;
  }

  /**
   * Finds ffmpeg, joins the cluster named by {@code config} and starts taking jobs, with
   * {@code transcode-concurrency} jobs at once. Blocking until joined.
   *
   * @param observer told of every ffmpeg progress report of every job
   *
   * @throws IllegalStateException when no cluster is configured or ffmpeg is not usable
   */
  public static WorkerNode start(ServerConfig config, Clock clock, VertxOptions options,
      long pollMillis, ProgressObserver observer) {
    ClusterConfig cluster = config.cluster().orElseThrow(() -> new IllegalStateException(
        "A worker needs the cluster to join: set --cluster to the members' HOST:PORT list."));
    ToolchainStatus toolchain = ToolchainStatus.resolve(config.ffmpeg(), config.ffprobe(),
        config.cacheDir());
    Transcoder transcoder = new Transcoder(toolchain.toolchain().orElseThrow(() ->
        new IllegalStateException(toolchain.problem().orElse("ffmpeg is not usable"))),
        new ProcessRunner(), Screenroom.transcodeSettings(config), clock);
    HazelcastClusterManager manager = ClusterNode.prepare(options, cluster);
    Vertx vertx = Vertx.builder().with(options).withClusterManager(manager).buildClustered()
        .toCompletionStage().toCompletableFuture().join();
    // Masters and packages go through the same storage as the servers': the shared data
    // directory, or the bucket (then the data directory holds only scratch copies).
    FilmStorage storage = new FilmStorage(Storages.open(config.storage(), config.dataDir()));
    FilmFiles files = new FilmFiles(config.dataDir());
    // With a bucket, the data directory holds only this worker's copies: what a run killed
    // mid-job left goes before the first job, and each job's copies go when it ends.
    // The same removal as a server's (FilmStorage owns the scratch layout).
    sweepScratch(storage, files);
    TranscodeWorker worker = new TranscodeWorker(vertx, manager.getNodeId(),
        new FilmTranscode(transcoder, files, storage, clock), clock,
        config.transcodeConcurrency(), pollMillis, observer, id -> removeScratch(storage, files, id));
    worker.start();
    return new WorkerNode(vertx, worker, storage);
  }

  private static void sweepScratch(FilmStorage storage, FilmFiles files) {
    try {
      storage.sweepScratch(files);
    } catch (java.io.IOException e) {
      LOG.warn("could not remove the local copies left in {}: {}", files.filmsDir(), e.toString());
    }
  }

  /** After a job ended here: whatever of its copies the transcode did not remove itself. */
  private static void removeScratch(FilmStorage storage, FilmFiles files, String filmId) {
    try {
      storage.removeScratch(files, filmId);
    } catch (java.io.IOException e) {
      // The next start removes it; only disk space is lost meanwhile.
      LOG.warn("film {}: could not remove the local copies: {}", filmId, e.toString());
    }
  }

  /** The worker (its id, its running jobs). */
  public TranscodeWorker worker() {
    return worker;
  }

  /** Stops the running transcodes (the servers queue them again) and leaves the cluster. */
  @Override
  public void close() {
    worker.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    if (storage.storage() instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + storage.storage().describe() + " failed", e);
      }
    }
  }
}
