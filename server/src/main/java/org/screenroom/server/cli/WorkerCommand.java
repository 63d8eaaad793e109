package org.screenroom.server.cli;

import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.screenroom.server.cluster.WorkerNode;
import org.screenroom.server.config.ServerConfig;
import org.screenroom.server.jobs.ProgressObserver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code worker}: transcodes the jobs of the cluster's servers until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Runs a transcode worker: joins the cluster of 'serve --cluster' servers, takes queued"
        + " transcode jobs from them, reads masters from and writes packages to the shared --data"
        + " directory, and reports progress back. Needs no catalog and serves no HTTP. With films in"
        + " a bucket (--storage s3), --data holds only this worker's scratch copies (emptied at"
        + " start and after each job): give every worker its own.",
        "Prints 'worker NODE_ID joined the cluster' once it takes jobs."})
final class WorkerCommand implements Callable<Integer> {
  @Mixin SharedOptions shared;

  @Option(names = "--cluster", paramLabel = "HOST:PORT,...",
      description = "The cluster's members to reach at start (env SCREENROOM_CLUSTER), e.g. 10.0.0.5:5701,10.0.0.6:5701.")
  String cluster;

  @Option(names = "--cluster-host", paramLabel = "ADDRESS",
      description = "This machine's address the other members reach (env SCREENROOM_CLUSTER_HOST; default 127.0.0.1).")
  String clusterHost;

  @Option(names = "--cluster-port", paramLabel = "PORT",
      description = "The cluster port this worker listens on (env SCREENROOM_CLUSTER_PORT; default 5701).")
  String clusterPort;

  @Option(names = "--transcode-concurrency", paramLabel = "N",
      description = "Jobs this worker runs at once (env SCREENROOM_TRANSCODE_CONCURRENCY; default 1).")
  String concurrency;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = shared.flags();
    SharedOptions.put(flags, "cluster", cluster);
    SharedOptions.put(flags, "cluster-host", clusterHost);
    SharedOptions.put(flags, "cluster-port", clusterPort);
    SharedOptions.put(flags, "transcode-concurrency", concurrency);
    ServerConfig config = ConfigLogging.load(flags);
    WorkerNode node = WorkerNode.start(config, Clock.systemUTC(), new VertxOptions(),
        WorkerNode.DEFAULT_POLL_MILLIS, ProgressObserver.NONE);
    System.out.println("worker " + node.worker().nodeId() + " joined the cluster");
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "screenroom-shutdown"));
    stopped.await();
    return 0;
  }
}
