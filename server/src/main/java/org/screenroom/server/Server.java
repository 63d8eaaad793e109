package org.screenroom.server;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.auth.AuthHandler;
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
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.HttpVerticle;
import org.screenroom.server.ingest.TranscodeQueue;
import org.screenroom.server.pages.PageRoutes;
import org.screenroom.server.stream.FilmAccess;
import org.screenroom.server.stream.FilmAccessCache;
import org.screenroom.server.stream.PlaybackIssuer;
import org.screenroom.server.stream.SegmentHandler;
import org.screenroom.server.stream.TokenSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Screenroom HTTP server over an opened {@link Screenroom}. */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);
  /** ffmpeg runs for posters and stills at once; each is short but CPU-heavy. */
  private static final int IMAGE_WORKERS = 2;

  private final Vertx vertx;
  private final Screenroom app;
  private final int port;
  private final Optional<TranscodeQueue> queue;
  private final ExecutorService cacheLoads;

  private Server(Vertx vertx, Screenroom app, int port, Optional<TranscodeQueue> queue,
      ExecutorService cacheLoads) {
    this.vertx = vertx;
    this.app = app;
    this.port = port;
    this.queue = queue;
    this.cacheLoads = cacheLoads;
  }

  /**
   * Starts the server and completes when it listens.
   *
   * @param vertxOptions Vert.x options (tests tighten the blocked-thread checker)
   */
  public static Future<Server> start(Screenroom app, VertxOptions vertxOptions) {
    ServerConfig config = app.config();
    vertxOptions.setFileSystemOptions(new FileSystemOptions()
        .setFileCacheDir(config.cacheDir().resolve("vertx").toString()));
    Vertx vertx = Vertx.vertx(vertxOptions);
    Blocking blocking = new Blocking(vertx);
    ExecutorService cacheLoads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "screenroom-cache-load");
      t.setDaemon(true);
      return t;
    });
    FilmAccessCache access = new FilmAccessCache(
        id -> app.films().find(id).map(f -> new FilmAccess(id, f.status() == FilmStatus.READY,
            app.files().packageDir(id))),
        cacheLoads, Ticker.systemTicker());
    app.onFilmChanged(access::invalidate);
    TokenSigner signer = new TokenSigner(app.keys().activeKeys(), app.clock());
    PlaybackIssuer issuer = new PlaybackIssuer(signer, app.clock(), app.playbackTtl());
    int[] boundPort = {0};
    FilmRoutes.BaseUrls baseUrls = ctx -> BaseUrl.of(config.publicUrl(), ctx.request().scheme(),
        ctx.request().getHeader("Host"), "127.0.0.1:" + boundPort[0]);
    HttpVerticle.Routes routes = new HttpVerticle.Routes(
        new HealthRoutes(app.database(), app.toolchain(), blocking),
        new AuthHandler(app.accounts(), app.tokens(), blocking),
        new FilmRoutes(app.films(), blocking, issuer, access, app.clock(), baseUrls),
        new AccountRoutes(app.accounts(), blocking),
        new SegmentHandler(signer, access),
        PageRoutes.load(),
        new GrantRoutes(app.films(), app.grants(), app.accounts(), blocking),
        new CollectionRoutes(app.collections(), app.films(), blocking, app.clock()),
        new ImageRoutes(app.films(), app.images(),
            app.toolchain().toolchain().map(t -> new ImageProcessor(t, new ProcessRunner(),
                app.files(), app.clock())),
            blocking, vertx.createSharedWorkerExecutor("screenroom-images", IMAGE_WORKERS),
            app.files()));
    HttpVerticle verticle = new HttpVerticle(routes, config.host(), config.port());
    Optional<TranscodeQueue> queue = app.toolchain().toolchain().isPresent()
        ? Optional.of(new TranscodeQueue(app.ingestor(), config.transcodeConcurrency()))
        : Optional.empty();
    return vertx.deployVerticle(verticle)
        .map(id -> {
          boundPort[0] = verticle.actualPort();
          Server server = new Server(vertx, app, verticle.actualPort(), queue, cacheLoads);
          server.recoverInterrupted();
          return server;
        })
        .recover(e -> vertx.close().transform(ignored -> Future.failedFuture(e)));
  }

  /** Films left {@code processing} by a previous run are transcoded again from their master. */
  private void recoverInterrupted() {
    queue.ifPresent(q -> app.films().idsWithStatus(FilmStatus.PROCESSING).forEach(id -> {
      LOG.info("film {} was processing when the server stopped: transcoding it again", id);
      q.submit(id);
    }));
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

  /** The URL to print: the configured public URL, else loopback for a wildcard bind. */
  public String url() {
    String host = app.config().host();
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      host = "127.0.0.1";
    }
    return "http://" + host + ":" + port;
  }

  @Override
  public void close() {
    queue.ifPresent(TranscodeQueue::close);
    vertx.close().toCompletionStage().toCompletableFuture().join();
    cacheLoads.shutdownNow();
  }
}
