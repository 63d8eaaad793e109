package org.screenroom.server;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.screenroom.server.cluster.ClusterNode;
import org.screenroom.server.cluster.JobDispatcher;
import io.vertx.core.file.FileSystemOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.auth.PasswordLogin;
import org.screenroom.server.auth.SessionCookies;
import org.screenroom.server.auth.SessionRoutes;
import org.screenroom.server.auth.TokenRoutes;
import org.screenroom.server.config.ConfigException;
import org.screenroom.server.config.NativeTransport;
import org.screenroom.server.config.ServerConfig;
import org.screenroom.server.collection.CollectionRoutes;
import org.screenroom.server.film.AccountRoutes;
import org.screenroom.server.film.GrantRoutes;
import org.screenroom.server.image.ImageProcessor;
import org.screenroom.server.image.ImageRoutes;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.health.HealthRoutes;
import org.screenroom.server.http.BaseUrl;
import org.screenroom.server.http.ClientAddress;
import org.screenroom.server.http.ConnectionGuard;
import org.screenroom.server.http.HttpOptions;
import org.screenroom.server.keys.KeyRing;
import org.screenroom.server.keys.SigningKeyRoutes;
import org.screenroom.server.metrics.ServerMetrics;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.HttpVerticle;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import org.screenroom.server.http.MetricsRoute;
import org.screenroom.server.http.OpenApiBodies;
import org.screenroom.server.http.OpenApiDocument;
import org.screenroom.server.ingest.TranscodeQueue;
import org.screenroom.server.ingest.url.UrlFetchSettings;
import org.screenroom.server.ingest.url.UrlFetcher;
import org.screenroom.server.ingest.url.UrlIngestJobs;
import org.screenroom.server.ingest.url.UrlIngestRoutes;
import org.screenroom.server.jobs.JobRoutes;
import org.screenroom.server.jobs.JobRunner;
import org.screenroom.server.jobs.ProgressObserver;
import org.screenroom.server.pages.PageRoutes;
import org.screenroom.server.pages.ShareRoutes;
import org.screenroom.server.stream.FilmAccess;
import org.screenroom.server.stream.FastSegments;
import org.screenroom.server.stream.FilmAccessCache;
import org.screenroom.server.stream.OpenFiles;
import org.screenroom.server.stream.PackageIndex;
import org.screenroom.server.subtitle.SubtitleRoutes;
import org.screenroom.server.subtitle.SubtitleStore;
import org.screenroom.server.stream.PlaybackIssuer;
import org.screenroom.server.stream.SegmentHandler;
import org.screenroom.server.stream.StorageDelivery;
import org.screenroom.server.storage.FilmStorage;
import org.screenroom.server.storage.PackageSweeper;
import org.screenroom.server.storage.StorageHealth;
import org.screenroom.server.subtitle.PackageEditor;
import org.screenroom.server.stream.PackageAccess;
import org.screenroom.catalog.film.PackageVersionStore;
import org.screenroom.server.storage.StorageSettings;
import org.screenroom.catalog.account.PasswordHasher;
import org.screenroom.catalog.festival.FestivalStore;
import org.screenroom.catalog.festival.PlaybackSessionStore;
import org.screenroom.catalog.festival.ScreenerStore;
import org.screenroom.catalog.festival.WebhookDeliveryStore;
import org.screenroom.server.screener.PassCache;
import org.screenroom.server.screener.ScreenerContext;
import org.screenroom.server.screener.ScreenerModule;
import org.screenroom.server.notify.Backoff;
import org.screenroom.server.notify.InviteMailer;
import org.screenroom.server.notify.WebhookSender;
import org.screenroom.server.stream.TokenSigner;
import org.screenroom.server.upload.UploadCleaner;
import org.screenroom.server.upload.UploadFiles;
import org.screenroom.server.upload.UploadHandover;
import org.screenroom.server.upload.UploadRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Screenroom HTTP server over an opened {@link Screenroom}. */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);
  /** How often expired uploads are swept away. */
  private static final long UPLOAD_SWEEP_MILLIS = 10 * 60 * 1000L;
  /** How often replaced package versions past their grace period are removed from a bucket. */
  private static final long PACKAGE_SWEEP_MILLIS = 5 * 60 * 1000L;
  private static final long PACKAGE_SWEEP_CLOSE_SECONDS = 30;
  /** ffmpeg runs for posters and stills at once; each is short but CPU-heavy. */
  private static final int IMAGE_WORKERS = 2;
  /** A webhook receiver that has not answered in this long is retried later. */
  private static final java.time.Duration WEBHOOK_TIMEOUT = java.time.Duration.ofSeconds(10);
  /** Threads opening and reading objects for segments streamed from a bucket. */
  private static final int STORAGE_WORKERS = 16;
  /** How often signing keys are re-read (a CLI rotation shows within this) and gauges sampled. */
  static final long REFRESH_MILLIS = 10_000;
  /** A playback session heard from within this long counts as active in the metrics. */
  private static final java.time.Duration ACTIVE_WINDOW = java.time.Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Screenroom app;
  private final int port;
  private final Optional<TranscodeQueue> queue;
  private final ExecutorService cacheLoads;
  private final Optional<UrlIngestJobs> urlIngest;
  private final Optional<UploadHandover> handover;
  private final ServerMetrics metrics;
  private final Optional<JobDispatcher> dispatcher;
  private Optional<PackageSweeper> packageSweeper = Optional.empty();
  private Blocking sweepWorkers;
  /** Awaited on close: a sweep left running would touch the catalog after it is gone. */
  private volatile Future<Integer> lastPackageSweep;

  private Server(Vertx vertx, Screenroom app, int port, Optional<TranscodeQueue> queue,
      ExecutorService cacheLoads, Optional<UrlIngestJobs> urlIngest,
      Optional<UploadHandover> handover, ServerMetrics metrics,
      Optional<JobDispatcher> dispatcher) {
    this.dispatcher = dispatcher;
    this.vertx = vertx;
    this.app = app;
    this.port = port;
    this.queue = queue;
    this.cacheLoads = cacheLoads;
    this.urlIngest = urlIngest;
    this.handover = handover;
    this.metrics = metrics;
  }

  /** Starts the server with the default URL-ingest timeouts. */
  public static Future<Server> start(Screenroom app, VertxOptions vertxOptions) {
    return start(app, vertxOptions, UrlFetchSettings.defaults());
  }

  /**
   * Starts the server and completes when it listens.
   *
   * @param vertxOptions Vert.x options (tests tighten the blocked-thread checker)
   * @param urlFetch timeouts for ingest from an address (tests shorten them)
   */
  public static Future<Server> start(Screenroom app, VertxOptions vertxOptions,
      UrlFetchSettings urlFetch) {
    ServerConfig config = app.config();
    vertxOptions.setFileSystemOptions(new FileSystemOptions()
        .setFileCacheDir(config.cacheDir().resolve("vertx").toString()));
    // The JSON codec loads and links hundreds of classes on first use: do it here, not in the
    // first viewer's request on an event loop.
    new io.vertx.core.json.JsonObject().put("warm", new io.vertx.core.json.JsonArray().add(1)).encode();
    // Netty's native epoll transport (config native-transport): with it, segment responses cork
    // their socket while the file goes out (stream.SendFileCork); NIO has no cork.
    vertxOptions.setPreferNativeTransport(config.stream().nativeTransport() != NativeTransport.OFF);
    ServerMetrics metrics = ServerMetrics.create();
    PrometheusMeterRegistry registry = metrics.registry();
    vertxOptions.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        // Route templates, never raw paths: a path label would grow with every token and film.
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE)));
    Optional<HazelcastClusterManager> cluster = config.cluster()
        .map(c -> ClusterNode.prepare(vertxOptions, c));
    VertxBuilder builder = Vertx.builder().with(vertxOptions)
        .withMetrics(new MicrometerMetricsFactory(registry));
    Vertx vertx;
    if (cluster.isPresent()) {
      // Joined here, in the caller's thread, so that what follows (the catalog's recovery)
      // still runs off any event loop.
      try {
        vertx = builder.withClusterManager(cluster.get()).buildClustered().toCompletionStage()
            .toCompletableFuture().join();
      } catch (java.util.concurrent.CompletionException e) {
        return Future.failedFuture(e.getCause());
      }
    } else {
      vertx = builder.build();
    }
    NativeTransport transport = config.stream().nativeTransport();
    if (transport == NativeTransport.ON && !vertx.isNativeTransportEnabled()) {
      Throwable cause = vertx.unavailableNativeTransportCause();
      vertx.close();
      return Future.failedFuture(new ConfigException(List.of("native-transport = on, but Netty's"
          + " native epoll transport is unavailable here (" + cause + "): use auto or off.")));
    }
    return start(app, vertx, urlFetch, metrics, cluster);
  }

  private static Future<Server> start(Screenroom app, Vertx vertx, UrlFetchSettings urlFetch,
      ServerMetrics metrics, Optional<HazelcastClusterManager> cluster) {
    ServerConfig config = app.config();
    PrometheusMeterRegistry registry = metrics.registry();
    Blocking blocking = new Blocking(vertx);
    ExecutorService cacheLoads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "screenroom-cache-load");
      t.setDaemon(true);
      return t;
    });
    PackageVersionStore packageVersions = new PackageVersionStore(app.database());
    FilmAccessCache access = new FilmAccessCache((id, previous) -> app.films().find(id).map(f ->
        PackageAccess.load(f, previous, packageVersions, app.filmStorage(), app.files())),
        cacheLoads, Ticker.systemTicker());
    app.onFilmChanged(access::invalidate);
    OpenFiles openFiles = new OpenFiles(cacheLoads);
    app.onFilmChanged(openFiles::forget);
    Gauge.builder("screenroom_open_package_files", openFiles, OpenFiles::size)
        .description("Package files held open for the segment path").register(registry);
    Gauge.builder("screenroom_package_file_leases", openFiles, OpenFiles::leased)
        .description("Sends holding a package file open now").register(registry);
    FunctionCounter.builder("screenroom_package_file_opens", openFiles, OpenFiles::opened)
        .description("Package files opened for the segment path (on a worker)")
        .register(registry);
    Gauge.builder("screenroom_film_access_cache_hit_ratio", access, FilmAccessCache::hitRate)
        .description("Share of hot-path film lookups answered from memory").register(registry);
    TokenSigner signer = new TokenSigner(app.keys().activeKeys(), app.clock());
    KeyRing keyRing = new KeyRing(app.keys(), signer, config.stream().keyRotation(),
        config.stream().keyRetention());
    PlaybackIssuer issuer = new PlaybackIssuer(signer, app.clock(), app.playbackTtl(),
        config.stream().bindNetwork());
    int[] boundPort = {0};
    FilmRoutes.BaseUrls baseUrls = ctx -> BaseUrl.of(config.publicUrl(), ctx.request().scheme(),
        ctx.request().getHeader("Host"), "127.0.0.1:" + boundPort[0]);
    SessionCookies cookies = new SessionCookies(config.publicUrl());
    AuthHandler auth = new AuthHandler(app.tokens(), app.sessions(), cookies, config.publicUrl(), blocking);
    PasswordLogin login = new PasswordLogin(app.accounts(), app.loginThrottle(), blocking);
    PageRoutes pages = PageRoutes.load();
    Optional<TranscodeQueue> queue = app.toolchain().toolchain().isPresent()
        ? Optional.of(new TranscodeQueue(new JobRunner(app.jobs(), app.films(), app.ingestor(),
            app.files(), config.transcodeConcurrency(), ProgressObserver.NONE)))
        : Optional.empty();
    Optional<JobRunner> runner = queue.map(TranscodeQueue::runner);
    Optional<UrlIngestJobs> urlIngest = queue.map(q -> urlIngestJobs(app, vertx, blocking,
        urlFetch, q, access));
    UploadFiles uploadFiles = new UploadFiles(config.uploadsDir());
    UploadCleaner cleaner = new UploadCleaner(app.uploads(), uploadFiles);
    Optional<UploadHandover> handover = queue.map(q -> new UploadHandover(app.ingestor(), q,
        app.uploads(), uploadFiles, app.films(), app.clock()));
    UploadRoutes uploads = new UploadRoutes(vertx, app.uploads(), app.films(), uploadFiles,
        blocking, app.clock(), config.maxUploadSize(), handover,
        "Uploads are unavailable: " + app.toolchain().problem().orElse("ffmpeg is not usable") + ".",
        config.minFreeDisk());
    ScreenerModule screeners = screeners(app, vertx, blocking, baseUrls, signer, cacheLoads);
    HttpVerticle.Routes routes = new HttpVerticle.Routes(
        new HealthRoutes(app.database(), app.toolchain(), blocking,
            Optional.of(new StorageHealth(app.filmStorage().storage(), app.clock()))),
        auth,
        new SessionRoutes(app.sessions(), cookies, login, auth, blocking),
        new TokenRoutes(app.tokens(), login, blocking),
        new FilmRoutes(app.films(), blocking, issuer, access, app.clock(), baseUrls, app.files(),
            cleaner, ScreenerModule.audience(screeners.context().sessions(), app.clock()),
            app.filmStorage()),
        new AccountRoutes(app.accounts(), blocking),
        new JobRoutes(app.jobs(), app.films(), runner, blocking),
        new SegmentHandler(signer, access, storageDelivery(app, vertx), openFiles),
        pages,
        new ShareRoutes(app.films(), blocking, pages, baseUrls),
        OpenApiDocument.load(),
        new UrlIngestRoutes(urlIngest, app.toolchain().problem().orElse("ffmpeg is not usable."),
            blocking),
        uploads,
        new GrantRoutes(app.films(), app.grants(), app.accounts(), blocking),
        new CollectionRoutes(app.collections(), app.films(), blocking, app.clock()),
        new ImageRoutes(app.films(), app.images(),
            app.toolchain().toolchain().map(t -> new ImageProcessor(t, new ProcessRunner(),
                app.files(), app.clock())),
            blocking, vertx.createSharedWorkerExecutor("screenroom-images", IMAGE_WORKERS),
            app.files()),
        OpenApiBodies.load(),
        new MetricsRoute(registry),
        screeners,
        new SubtitleRoutes(app.films(), new SubtitleStore(app.files()), app.files(), blocking,
            packageEditor(app, access, packageVersions)),
        new SigningKeyRoutes(app.keys(), keyRing, blocking),
        new org.screenroom.server.keys.KeyMiss(keyRing, signer, blocking));
    // The common segment request answered below Vert.x (config fast-segments).
    Optional<FastSegments> fast = config.stream().fastSegments()
        ? Optional.of(new FastSegments(signer, access, openFiles,
            new ClientAddress(config.access().trustedProxies()), registry))
        : Optional.empty();
    ConnectionGuard guard = new ConnectionGuard(config.stream().maxConnectionsPerIp(),
        config.stream().headerTimeout(), registry, config.access().trustedProxies(),
        pipeline -> fast.ifPresent(f -> f.install(pipeline)));
    // One HTTP server per core, each on its own event loop, sharing the listening socket (Vert.x
    // hands each new connection to the next one): a single verticle would serve every byte from
    // one thread. The handlers in routes are shared by all of them, so they must be thread-safe.
    List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
    int instances = httpInstances();
    // In a cluster, queued jobs go to the workers that ask, and come back here when none is left.
    Optional<JobDispatcher> dispatcher = runner.flatMap(r -> cluster.map(cm -> {
      JobDispatcher d = new JobDispatcher(vertx, cm.getNodeId(), app.jobs(), app.ingestor(), r,
          app.clock(), config.cluster().orElseThrow().lease());
      d.start(cm);
      return d;
    }));
    // Before serving and off the event loop: jobs a dead process left running are queued again
    // (their partial output removed) before any worker takes a job.
    sweepScratch(app);
    org.screenroom.catalog.upload.UrlDownloadStore downloads =
        new org.screenroom.catalog.upload.UrlDownloadStore(app.database(), app.clock());
    runner.ifPresent(r -> r.arriving(filmId -> downloads.find(filmId).isPresent()
        || app.uploads().ofFilm(filmId).stream().anyMatch(org.screenroom.catalog.upload.Upload::complete)));
    runner.ifPresent(JobRunner::start);
    LOG.info("serving HTTP on {} event loops, {} transport", instances,
        vertx.isNativeTransportEnabled() ? "native" : "NIO (" + vertx.unavailableNativeTransportCause() + ")");
    return vertx.deployVerticle(() -> {
      HttpVerticle v = new HttpVerticle(routes, config.host(), config.port(),
          HttpOptions.of(config.stream()), guard);
      verticles.add(v);
      return v;
    }, new DeploymentOptions().setInstances(instances))
        .map(id -> {
          HttpVerticle verticle = verticles.get(0);
          boundPort[0] = verticle.actualPort();
          Server server = new Server(vertx, app, verticle.actualPort(), queue, cacheLoads,
              urlIngest, handover, metrics, dispatcher);
          server.sweepUploadsPeriodically(cleaner, blocking);
          server.sweepPackagesPeriodically(new PackageSweeper(packageVersions,
              film -> app.jobs().active(film).isPresent(), app.filmStorage(), app.clock(),
              app.playbackTtl(), app::filmChanged), blocking);
          server.settleOrphansPeriodically(blocking);
          server.refreshPeriodically(keyRing, blocking);
          return server;
        })
        .recover(e -> {
          dispatcher.ifPresent(JobDispatcher::close);
          queue.ifPresent(TranscodeQueue::close);
          return vertx.close().transform(ignored -> Future.failedFuture(e));
        });
  }

  /** HTTP server instances: one per core (Vert.x's default event loop pool has two per core). */
  static int httpInstances() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Segments of packages kept in a bucket: streamed through the hot path or redirected to
   * presigned URLs, by {@code s3-delivery}. Empty for local storage (zero-copy sendFile).
   */
  private static Optional<StorageDelivery> storageDelivery(Screenroom app, Vertx vertx) {
    if (!app.filmStorage().remote()) {
      return Optional.empty();
    }
    StorageSettings.Delivery mode = app.config().storage().s3()
        .map(StorageSettings.S3::delivery).orElse(StorageSettings.Delivery.PROXY);
    return Optional.of(new StorageDelivery(app.filmStorage().storage(), mode,
        vertx.createSharedWorkerExecutor("screenroom-storage", STORAGE_WORKERS), app.clock()));
  }

  /**
   * Edits of a ready film's package (subtitles added or removed): on local disk the package
   * directory is edited in place; with a bucket the current version's manifests are copied into
   * a scratch directory, the changed files put back into the same version, and the scratch copy
   * removed. Then the hot path re-reads the package. Runs on a worker.
   */
  private static PackageEditor packageEditor(Screenroom app, FilmAccessCache access,
      PackageVersionStore versions) {
    FilmStorage storage = app.filmStorage();
    return new PackageEditor() {
      @Override
      public void checkout(String id) throws java.io.IOException {
        storage.getFiles(id, version(id), app.files().packageDir(id),
            List.of("master.m3u8", "manifest.mpd"));
      }

      @Override
      public java.nio.file.Path directory(String id) {
        // On local disk the current version's own directory (or the package directory of one
        // published before versions had directories); with a bucket the scratch copy.
        return storage.localDir(id, version(id)).filter(java.nio.file.Files::isDirectory)
            .orElse(app.files().packageDir(id));
      }

      @Override
      public void publish(String id, List<String> changed) throws java.io.IOException {
        try {
          storage.putFiles(id, version(id), app.files().packageDir(id), changed);
        } finally {
          storage.removeScratch(app.files(), id);
        }
      }

      @Override
      public void changed(String id) {
        access.invalidate(id);
      }

      private String version(String id) {
        return versions.current(id).orElse(PackageVersionStore.UNVERSIONED);
      }
    };
  }

  /** With a bucket: the scratch copies a process that died mid-job left, before any job runs. */
  private static void sweepScratch(Screenroom app) {
    try {
      app.filmStorage().sweepScratch(app.files());
    } catch (java.io.IOException e) {
      LOG.warn("scratch copies under {} could not be swept: {}", app.files().dataDir(),
          e.toString());
    }
  }

  /** Festivals and screeners: stores, the hot-path pass cache, webhooks and invitations. */
  private static ScreenerModule screeners(Screenroom app, Vertx vertx, Blocking blocking,
      FilmRoutes.BaseUrls baseUrls, TokenSigner signer, ExecutorService cacheLoads) {
    var db = app.database();
    ScreenerStore passes = new ScreenerStore(db, app.clock());
    PlaybackSessionStore sessions = new PlaybackSessionStore(db);
    WebhookDeliveryStore deliveries = new WebhookDeliveryStore(db, app.clock());
    PassCache cache = ScreenerModule.passCache(passes, sessions, cacheLoads, Ticker.systemTicker());
    return new ScreenerModule(new ScreenerContext(new FestivalStore(db, app.clock()), passes,
        sessions, deliveries, app.films(), blocking, app.clock(), baseUrls, cache, signer,
        app.playbackTtl(), new PasswordHasher(), webhooks(vertx, deliveries, cacheLoads, app),
        app.config().mail().map(m -> new InviteMailer(vertx, m)), app.loginThrottle()));
  }

  /**
   * Webhooks: HTTP from the JDK client, delivery log writes on the cache-load workers, retries on
   * Vert.x timers.
   */
  private static WebhookSender webhooks(Vertx vertx, WebhookDeliveryStore deliveries,
      ExecutorService workers, Screenroom app) {
    return new WebhookSender(deliveries, workers, WebhookSender.jdkTransport(),
        (delay, task) -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run()),
        app.clock(), Backoff.DEFAULT, WEBHOOK_TIMEOUT);
  }

  private static UrlIngestJobs urlIngestJobs(Screenroom app, Vertx vertx, Blocking blocking,
      UrlFetchSettings settings, TranscodeQueue queue, FilmAccessCache access) {
    UrlFetcher fetcher = new UrlFetcher(vertx, blocking, settings, app.config().maxUploadSize());
    UrlIngestJobs jobs = new UrlIngestJobs(app.films(), app.ingestor(), queue, fetcher,
        app.config().dataDir().resolve("uploads"), access::invalidate,
        new org.screenroom.catalog.upload.UrlDownloadStore(app.database(), app.clock()),
        app.jobs(), app.clock());
    try {
      jobs.removeLeftovers();
    } catch (java.io.IOException e) {
      LOG.warn("could not remove unfinished downloads under {}/uploads", app.config().dataDir(), e);
    }
    return jobs;
  }

  /**
   * Sweeps expired uploads now and then every {@link #UPLOAD_SWEEP_MILLIS}, on a worker, with the
   * injected clock's time; and hands over uploads that were complete when the server stopped.
   */
  private void sweepUploadsPeriodically(UploadCleaner cleaner, Blocking blocking) {
    Runnable sweep = () -> blocking.run(() -> cleaner.sweep(app.clock().instant()))
        .onFailure(e -> LOG.warn("sweeping expired uploads failed", e));
    sweep.run();
    vertx.setPeriodic(UPLOAD_SWEEP_MILLIS, timer -> sweep.run());
  }

  /**
   * Removes replaced and orphaned package versions from storage (bucket or local disk) once
   * their grace period is over: now, then every {@link #PACKAGE_SWEEP_MILLIS}, on a worker.
   */
  private void sweepPackagesPeriodically(PackageSweeper sweeper, Blocking blocking) {
    this.packageSweeper = Optional.of(sweeper);
    this.sweepWorkers = blocking;
    sweepPackages();
    vertx.setPeriodic(PACKAGE_SWEEP_MILLIS, timer -> sweepPackages());
  }

  /**
   * Sweeps replaced package versions now (tests, after moving the clock past the grace period).
   *
   * @return how many versions were removed
   */
  public Future<Integer> sweepPackages() {
    Future<Integer> sweep = sweepWorkers.run(() -> packageSweeper.orElseThrow().sweep())
        .onFailure(e -> LOG.warn("sweeping replaced package versions failed", e));
    lastPackageSweep = sweep;
    return sweep;
  }

  private void awaitPackageSweep() {
    Future<Integer> sweep = lastPackageSweep;
    if (sweep == null) {
      return;
    }
    try {
      sweep.toCompletionStage().toCompletableFuture().get(PACKAGE_SWEEP_CLOSE_SECONDS,
          java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("closing while a package sweep still runs: {}", e.toString());
    }
  }

  /**
   * Now and every third of {@link UrlIngestJobs#LEASE}, on a worker: what an origin sharing the
   * catalog (this one before a restart, or another) left when it stopped. Complete uploads
   * nobody hands over are handed over; downloads whose lease ran out are settled and their
   * temporary directories removed.
   */
  private void settleOrphansPeriodically(Blocking blocking) {
    Runnable settle = () -> {
      try {
        blocking.run(() -> {
          handover.ifPresent(UploadHandover::recover);
          if (urlIngest.isPresent()) {
            urlIngest.get().settleAbandoned();
            urlIngest.get().removeLeftovers();
          }
          return null;
        }).onFailure(e -> LOG.warn("settling what stopped origins left failed", e));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.debug("not settling: the server is stopping");
      }
    };
    settle.run();
    vertx.setPeriodic(UrlIngestJobs.LEASE.toMillis() / 3, timer -> settle.run());
  }

  /**
   * Every {@link #REFRESH_MILLIS}, on a worker: the signing keys (a rotation made by the CLI or
   * another server, scheduled rotation, retirement) and the transcode queue's gauges.
   */
  private void refreshPeriodically(KeyRing keyRing, Blocking blocking) {
    PlaybackSessionStore sessions = new PlaybackSessionStore(app.database());
    AtomicLong active = new AtomicLong();
    metrics.activePlaybackSessions(active::get);
    Runnable refresh = () -> blocking.run(() -> {
      keyRing.refresh();
      metrics.sampleTranscodeQueue(app.jobs());
      // Players beat every 2-5 s: a session silent for longer than ACTIVE_WINDOW has stopped.
      active.set(sessions.countActive(app.clock().instant().minus(ACTIVE_WINDOW)));
      return null;
    }).onFailure(e -> LOG.warn("refreshing the signing keys or the queue gauges failed", e));
    refresh.run();
    vertx.setPeriodic(REFRESH_MILLIS, timer -> refresh.run());
  }

  /** Screenroom's meters, e.g. to feed the active playback sessions gauge. */
  public ServerMetrics metrics() {
    return metrics;
  }

  /** The port bound. */
  public int port() {
    return port;
  }

  /** The transcode queue, when ffmpeg is usable. */
  public Optional<TranscodeQueue> queue() {
    return queue;
  }

  /** The Vert.x instance (tests). */
  public Vertx vertx() {
    return vertx;
  }

  /** The clustered-transcoding side of this server, when it joined a cluster. */
  public Optional<JobDispatcher> dispatcher() {
    return dispatcher;
  }

  /** The URL to print: the configured public URL, else loopback for a wildcard bind. */
  public String url() {
    String host = app.config().host();
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      host = "127.0.0.1";
    }
    return (app.config().stream().tls() ? "https://" : "http://") + host + ":" + port;
  }

  @Override
  public void close() {
    dispatcher.ifPresent(JobDispatcher::close);
    urlIngest.ifPresent(UrlIngestJobs::close);
    handover.ifPresent(UploadHandover::close);
    queue.ifPresent(TranscodeQueue::close);
    awaitPackageSweep();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    cacheLoads.shutdownNow();
  }
}
