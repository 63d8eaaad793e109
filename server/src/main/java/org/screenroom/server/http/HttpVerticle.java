package org.screenroom.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.auth.SessionRoutes;
import org.screenroom.server.auth.TokenRoutes;
import org.screenroom.server.collection.CollectionRoutes;
import org.screenroom.server.film.AccountRoutes;
import org.screenroom.server.film.GrantRoutes;
import org.screenroom.server.image.ImageRoutes;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.health.HealthRoutes;
import org.screenroom.server.ingest.url.UrlIngestRoutes;
import org.screenroom.server.jobs.JobRoutes;
import org.screenroom.server.keys.SigningKeyRoutes;
import org.screenroom.server.pages.AssetRoutes;
import org.screenroom.server.pages.PageRoutes;
import org.screenroom.server.pages.ShareRoutes;
import org.screenroom.server.pages.WatchPage;
import org.screenroom.server.screener.ScreenerModule;
import org.screenroom.server.stream.SegmentHandler;
import org.screenroom.server.subtitle.SubtitleRoutes;
import org.screenroom.server.upload.UploadRoutes;

/** The HTTP server: the route table first, handlers in their feature packages. */
public final class HttpVerticle extends VerticleBase {
  /** JSON bodies are small; anything larger is refused with 413. */
  private static final long MAX_JSON_BODY = 1 << 20;
  private static final String UPLOADS = "/api/uploads(/.*)?";

  private final Routes routes;
  private final String host;
  private final int port;
  private final HttpServerOptions options;
  private final ConnectionGuard guard;
  private HttpServer server;

  /** The handlers this verticle routes to. */
  public record Routes(HealthRoutes health, AuthHandler auth, SessionRoutes sessions,
      TokenRoutes tokens, FilmRoutes films, AccountRoutes accounts, JobRoutes jobs,
      SegmentHandler segments, PageRoutes pages, ShareRoutes share, OpenApiDocument openApi,
      UrlIngestRoutes urlIngest, UploadRoutes uploads, GrantRoutes grants,
      CollectionRoutes collections, ImageRoutes images, OpenApiBodies bodies,
      MetricsRoute metrics, ScreenerModule screeners, SubtitleRoutes subtitles,
      SigningKeyRoutes signingKeys, org.screenroom.server.keys.KeyMiss keyMiss) {}

  /**
   * Creates the verticle binding {@code host:port}.
   *
   * @param options timeouts, size limits and TLS ({@link HttpOptions})
   * @param guard per-address connection cap and header deadline
   */
  public HttpVerticle(Routes routes, String host, int port, HttpServerOptions options,
      ConnectionGuard guard) {
    this.routes = routes;
    this.host = host;
    this.port = port;
    this.options = options;
    this.guard = guard;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    BodyHandler json = BodyHandler.create(false).setBodyLimit(MAX_JSON_BODY);
    BodyHandler image = BodyHandler.create(false).setBodyLimit(ImageRoutes.MAX_BYTES);

    // First: the client address behind the trusted proxies, for every route that needs one.
    router.route().handler(guard.clients()::handle);
    router.get("/health/live").handler(routes.health()::live);
    router.get("/health/ready").handler(routes.health()::ready);
    router.get("/metrics").handler(routes.auth()::resolve).handler(routes.metrics()::handle);

    // Screener tokens are checked against their pass (revocation, window, limits) first; one
    // route, so the metrics label stays the single template.
    router.getWithRegex("/play/.*").handler(routes.keyMiss()::handle)
        .handler(routes.screeners().gate()::handle).handler(routes.segments()::handle);
    router.headWithRegex("/play/.*").handler(routes.keyMiss()::handle)
        .handler(routes.screeners().gate()::handle).handler(routes.segments()::handle);

    // Password sign-ins come before the caller look-up: they carry credentials, not a caller.
    router.post("/api/tokens").handler(json)
        .handler(routes.bodies().operation("POST", "/api/tokens")).handler(routes.tokens()::issue);
    router.post("/api/session").handler(json)
        .handler(routes.bodies().operation("POST", "/api/session")).handler(routes.sessions()::create);
    screenerRoutes(router, json);
    // JSON bodies are read before the (asynchronous) caller lookup: Vert.x's body handler must
    // see the request before it ends. Uploads get no body handler: they stream to disk.
    router.post("/api/accounts").handler(json);
    router.post("/api/films").handler(json);
    router.patch("/api/films/:id").handler(json);
    router.post("/api/films/:id/source").handler(json);
    router.post("/api/films/:id/grants").handler(json);
    router.post("/api/collections").handler(json);
    router.put("/api/collections/:id/films").handler(json);
    // A declared oversize image is refused with a sentence before its body is read (Vert.x wants
    // the body handler first on its own route, so the guard is a route of its own).
    router.put("/api/films/:id/poster").handler(routes.images()::sizeGuard);
    router.post("/api/films/:id/stills").handler(routes.images()::sizeGuard);
    router.put("/api/films/:id/poster").handler(image);
    router.post("/api/films/:id/stills").handler(image);
    router.put("/api/films/:id/subtitles/:language")
        .handler(BodyHandler.create(false).setBodyLimit(SubtitleRoutes.MAX_BYTES));
    // tus: the guard pauses the body before the asynchronous caller lookup; bodies stream to disk.
    router.routeWithRegex(UPLOADS).handler(routes.uploads()::guard);
    router.routeWithRegex(UPLOADS).failureHandler(routes.uploads()::failure);
    router.options("/api/uploads").handler(routes.uploads()::options);
    router.options("/api/uploads/:id").handler(routes.uploads()::options);
    router.route("/api/*").handler(routes.auth()::resolve);
    // Every JSON body is checked against the served OpenAPI document before its handler.
    router.post("/api/accounts").handler(routes.bodies().operation("POST", "/api/accounts"));
    router.post("/api/films").handler(routes.bodies().operation("POST", "/api/films"));
    router.patch("/api/films/:id").handler(routes.bodies().operation("PATCH", "/api/films/{id}"));
    router.post("/api/films/:id/source")
        .handler(routes.bodies().operation("POST", "/api/films/{id}/source"));
    router.post("/api/films/:id/grants")
        .handler(routes.bodies().operation("POST", "/api/films/{id}/grants"));
    router.post("/api/collections").handler(routes.bodies().operation("POST", "/api/collections"));
    router.put("/api/collections/:id/films")
        .handler(routes.bodies().operation("PUT", "/api/collections/{id}/films"));
    router.get("/images/*").handler(routes.auth()::resolve);
    router.get("/api/me").handler(routes.sessions()::me);
    router.delete("/api/session").handler(routes.sessions()::delete);
    router.get("/api/tokens").handler(routes.tokens()::list);
    router.delete("/api/tokens/:id").handler(routes.tokens()::revoke);
    router.post("/api/uploads").handler(routes.uploads()::create);
    router.head("/api/uploads/:id").handler(routes.uploads()::head);
    router.patch("/api/uploads/:id").handler(routes.uploads()::patch);
    router.delete("/api/uploads/:id").handler(routes.uploads()::terminate);
    router.post("/api/accounts").handler(routes.accounts()::create);
    router.post("/api/films").handler(routes.films()::create);
    router.get("/api/films").handler(routes.films()::list);
    router.get("/api/films/by-slug/:slug").handler(routes.films()::getBySlug);
    router.get("/api/films/:id").handler(routes.films()::get);
    router.patch("/api/films/:id").handler(routes.films()::patch);
    router.delete("/api/films/:id").handler(routes.films()::delete);
    router.get("/api/films/:id/playback").handler(routes.films()::playback);
    router.get("/api/films/:id/grants").handler(routes.grants()::list);
    router.post("/api/films/:id/grants").handler(routes.grants()::add);
    router.delete("/api/films/:id/grants/:username").handler(routes.grants()::remove);
    router.put("/api/films/:id/poster").handler(routes.images()::putPoster);
    router.delete("/api/films/:id/poster").handler(routes.images()::delete);
    router.post("/api/films/:id/stills").handler(routes.images()::addStill);
    router.delete("/api/films/:id/stills/:name").handler(routes.images()::delete);
    router.post("/api/collections").handler(routes.collections()::create);
    router.get("/api/collections").handler(routes.collections()::list);
    router.get("/api/collections/:id").handler(routes.collections()::get);
    router.put("/api/collections/:id/films").handler(routes.collections()::setFilms);
    router.delete("/api/collections/:id").handler(routes.collections()::delete);
    router.post("/api/films/:id/source").handler(routes.urlIngest()::start);
    router.get("/api/films/:id/subtitles").handler(routes.subtitles()::list);
    router.put("/api/films/:id/subtitles/:language").handler(routes.subtitles()::put);
    router.delete("/api/films/:id/subtitles/:language").handler(routes.subtitles()::delete);
    router.get("/api/films/:id/jobs").handler(routes.jobs()::forFilm);
    router.post("/api/films/:id/jobs").handler(routes.jobs()::again);
    router.get("/api/jobs").handler(routes.jobs()::list);
    router.get("/api/jobs/:jobId").handler(routes.jobs()::get);
    router.post("/api/jobs/:jobId/cancel").handler(routes.jobs()::cancel);
    router.post("/api/jobs/:jobId/retry").handler(routes.jobs()::retry);
    router.get("/api/signing-keys").handler(routes.signingKeys()::list);
    router.post("/api/signing-keys/rotate").handler(routes.signingKeys()::rotate);
    router.get("/api/openapi.yaml").handler(routes.openApi()::handle);
    router.route("/api/*").handler(ctx -> ctx.fail(ApiError.notFound("API endpoint")));

    router.get("/").handler(routes.pages().page("index", false));
    router.get("/films/:id").handler(routes.share()::filmPage);
    router.get("/oembed").handler(routes.share()::oembed);
    router.get("/sitemap.xml").handler(routes.share()::sitemap);
    router.get("/robots.txt").handler(routes.share()::robots);
    // The watch page carries the caller's playback answer: it needs the caller first.
    var watch = new WatchPage(routes.pages(), routes.films()::playbackAnswer);
    router.get("/watch/:id").handler(routes.auth()::resolve).handler(watch.handler(false));
    router.get("/embed/:id").handler(routes.auth()::resolve).handler(watch.handler(true));
    router.get("/studio").handler(routes.pages().page("studio", false));
    router.get("/s/:code").handler(routes.pages().page("screener", false));
    router.get("/studio/festivals").handler(routes.pages().page("festivals", false));
    router.get("/images/*").handler(routes.images()::serve);
    // Hashed names: immutable; pre-compressed copies sent to browsers that accept them.
    router.get("/assets/*").handler(new AssetRoutes("web/assets", new Blocking(vertx))::handle);
    router.route().last().handler(PageRoutes::notFound);
    router.route().failureHandler(Failures::handle);

    return vertx.createHttpServer(options)
        .connectionHandler(guard::handle)
        .requestHandler(router)
        // Port 0 (any free port) as -1: Vert.x then lets every instance of this verticle share
        // one random port, where 0 would give each its own.
        .listen(port == 0 ? -1 : port, host)
        .onSuccess(s -> server = s)
        .recover(e -> Future.failedFuture(options.isSsl()
            ? new IllegalStateException("cannot serve HTTPS on " + host + ":" + port + " ("
                + e.getMessage() + "): check that tls-cert and tls-key are a PEM certificate"
                + " chain and its matching private key", e)
            : e));
  }

  /**
   * Festivals, screener passes, the juror's room, player events and analytics. Each route reads
   * its body, resolves the caller and validates the body itself, so the block stands alone.
   */
  private void screenerRoutes(Router router, BodyHandler json) {
    var s = routes.screeners();
    var auth = routes.auth();
    var bodies = routes.bodies();
    router.post("/api/festivals").handler(json).handler(auth::resolve)
        .handler(bodies.operation("POST", "/api/festivals")).handler(s.festivals()::create);
    router.get("/api/festivals").handler(auth::resolve).handler(s.festivals()::list);
    router.get("/api/festivals/:id").handler(auth::resolve).handler(s.festivals()::get);
    router.patch("/api/festivals/:id").handler(json).handler(auth::resolve)
        .handler(bodies.operation("PATCH", "/api/festivals/{id}")).handler(s.festivals()::patch);
    router.delete("/api/festivals/:id").handler(auth::resolve).handler(s.festivals()::delete);
    router.post("/api/festivals/:id/films").handler(json).handler(auth::resolve)
        .handler(bodies.operation("POST", "/api/festivals/{id}/films"))
        .handler(s.festivals()::submit);
    router.delete("/api/festivals/:id/films/:filmId").handler(auth::resolve)
        .handler(s.festivals()::withdraw);
    router.get("/api/festivals/:id/report").handler(auth::resolve).handler(s.festivals()::report);
    router.get("/api/festivals/:id/webhooks").handler(auth::resolve)
        .handler(s.festivals()::deliveries);
    router.post("/api/festivals/:id/screeners/bulk").handler(json).handler(auth::resolve)
        .handler(s.passes()::bulk);
    router.post("/api/festivals/:id/screeners").handler(json).handler(auth::resolve)
        .handler(bodies.operation("POST", "/api/festivals/{id}/screeners"))
        .handler(s.passes()::create);
    router.get("/api/festivals/:id/screeners").handler(auth::resolve).handler(s.passes()::list);
    router.get("/api/screeners/:id").handler(auth::resolve).handler(s.passes()::get);
    router.patch("/api/screeners/:id").handler(json).handler(auth::resolve)
        .handler(bodies.operation("PATCH", "/api/screeners/{id}")).handler(s.passes()::patch);
    router.delete("/api/screeners/:id").handler(auth::resolve).handler(s.passes()::revoke);
    router.post("/api/screeners/:id/invite").handler(auth::resolve).handler(s.passes()::sendInvite);
    router.get("/api/screener/:code").handler(auth::resolve).handler(s.room()::get);
    router.post("/api/screener/:code/terms").handler(auth::resolve).handler(s.room()::acceptTerms);
    router.post("/api/screener/:code/films/:filmId/playback").handler(auth::resolve)
        .handler(s.room()::playback);
    router.post("/api/playback/:session/events").handler(json).handler(auth::resolve)
        .handler(bodies.operation("POST", "/api/playback/{session}/events"))
        .handler(s.events()::events);
    router.get("/api/films/:id/analytics").handler(auth::resolve)
        .handler(s.events()::filmAnalytics);
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
