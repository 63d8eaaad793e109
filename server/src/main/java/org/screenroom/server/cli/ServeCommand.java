package org.screenroom.server.cli;

import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.screenroom.server.Server;
import org.screenroom.server.app.DataDirLock;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.config.ServerConfig;
import org.screenroom.server.demo.DemoFilm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: runs the HTTP server until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Runs the Screenroom server: the catalog API, uploads, the streaming hot path and the pages.",
        "Prints 'listening on http://HOST:PORT' once it accepts connections."})
final class ServeCommand implements Callable<Integer> {
  @Mixin SharedOptions shared;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Port to listen on; 0 picks a free one (env SCREENROOM_PORT; default 8080).")
  String port;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "Address to bind (env SCREENROOM_HOST; default 0.0.0.0, every interface).")
  String host;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "The URL viewers reach this server at, for links (env SCREENROOM_PUBLIC_URL; default: each request's Host).")
  String publicUrl;

  @Option(names = "--playback-ttl", paramLabel = "DURATION",
      description = "How long a signed playback URL lives, e.g. 6h or 90m (env SCREENROOM_PLAYBACK_TTL; default 6h).")
  String playbackTtl;

  @Option(names = "--transcode-concurrency", paramLabel = "N",
      description = "Transcodes run at once (env SCREENROOM_TRANSCODE_CONCURRENCY; default 1).")
  String concurrency;

  @Option(names = "--max-upload-size", paramLabel = "SIZE",
      description = "The largest original accepted by upload or URL ingest, e.g. 500GiB (env SCREENROOM_MAX_UPLOAD_SIZE; default 500GiB).")
  String maxUploadSize;

  @Option(names = "--min-free-disk", paramLabel = "SIZE",
      description = "Free space an upload must leave on the data disk, or it is refused before its first byte, e.g. 50GiB (env SCREENROOM_MIN_FREE_DISK; default 256MiB).")
  String minFreeDisk;

  @Option(names = "--demo", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "When the catalog holds no film, make a short demo film to try the player (env SCREENROOM_DEMO).")
  String demo;

  @Option(names = "--smtp-host", paramLabel = "HOST",
      description = "SMTP server for screener invitations (env SCREENROOM_SMTP_HOST; also "
          + "--smtp-port, --smtp-username, --smtp-password, --smtp-from, --smtp-tls starttls|tls|none).")
  String smtpHost;

  @Option(names = "--cluster", paramLabel = "HOST:PORT,...",
      description = "Join the cluster of servers and transcode workers at these members, e.g."
          + " 10.0.0.5:5701,10.0.0.6:5701; queued transcodes then go to the workers ('screenroom"
          + " worker'), and run here while none is present (env SCREENROOM_CLUSTER; also"
          + " --cluster-host ADDRESS, --cluster-port PORT, --cluster-lease DURATION).")
  String cluster;

  @Option(names = "--cluster-host", paramLabel = "ADDRESS", hidden = true)
  String clusterHost;

  @Option(names = "--cluster-port", paramLabel = "PORT", hidden = true)
  String clusterPort;

  @Option(names = "--cluster-lease", paramLabel = "DURATION", hidden = true)
  String clusterLease;

  @Option(names = "--smtp-port", paramLabel = "PORT", hidden = true)
  String smtpPort;

  @Option(names = "--smtp-username", paramLabel = "USER", hidden = true)
  String smtpUsername;

  @Option(names = "--smtp-password", paramLabel = "PASSWORD", hidden = true)
  String smtpPassword;

  @Option(names = "--smtp-from", paramLabel = "ADDRESS", hidden = true)
  String smtpFrom;

  @Option(names = "--smtp-tls", paramLabel = "MODE", hidden = true)
  String smtpTls;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = shared.flags();
    SharedOptions.put(flags, "port", port);
    SharedOptions.put(flags, "host", host);
    SharedOptions.put(flags, "public-url", publicUrl);
    SharedOptions.put(flags, "playback-ttl", playbackTtl);
    SharedOptions.put(flags, "transcode-concurrency", concurrency);
    SharedOptions.put(flags, "demo", demo);
    SharedOptions.put(flags, "max-upload-size", maxUploadSize);
    SharedOptions.put(flags, "smtp-host", smtpHost);
    SharedOptions.put(flags, "smtp-port", smtpPort);
    SharedOptions.put(flags, "smtp-username", smtpUsername);
    SharedOptions.put(flags, "smtp-password", smtpPassword);
    SharedOptions.put(flags, "smtp-from", smtpFrom);
    SharedOptions.put(flags, "smtp-tls", smtpTls);
    SharedOptions.put(flags, "min-free-disk", minFreeDisk);
    SharedOptions.put(flags, "cluster", cluster);
    SharedOptions.put(flags, "cluster-host", clusterHost);
    SharedOptions.put(flags, "cluster-port", clusterPort);
    SharedOptions.put(flags, "cluster-lease", clusterLease);
    ServerConfig config = ConfigLogging.load(flags);
    // Held for the server's life: 'restore' refuses to run beside a server.
    // Shared by the servers of one cluster, which may share a data directory on a common mount.
    DataDirLock lock = DataDirLock.tryAcquire(config.dataDir(), config.cluster().isPresent()).orElseThrow(() ->
        new IllegalStateException("Another Screenroom server is already using " + config.dataDir()
            + ": stop it, or give this one another --data directory."));
    Screenroom app = Screenroom.open(config, Clock.systemUTC());
    app.generatedAdminPassword().ifPresent(pw -> System.out.println(
        "admin account created: username 'admin', password '" + pw + "' (shown only this once)"));
    app.toolchain().problem().ifPresent(p -> System.err.println("warning: " + p));
    Server server = Server.start(app, new VertxOptions()).toCompletionStage().toCompletableFuture().join();
    System.out.println("listening on " + server.url());
    System.out.flush();
    if (config.demo()) {
      DemoFilm.createIfCatalogEmpty(app, server, System.out);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      try {
        lock.close();
      } catch (java.io.IOException e) {
        System.err.println("warning: could not release " + config.dataDir() + "/.lock: " + e.getMessage());
      }
      stopped.countDown();
    }, "screenroom-shutdown"));
    stopped.await();
    return 0;
  }
}
