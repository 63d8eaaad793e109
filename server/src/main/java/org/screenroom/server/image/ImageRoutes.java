package org.screenroom.server.image;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmImage;
import org.screenroom.catalog.film.FilmImageStore;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.film.FilmJson;
import org.screenroom.server.film.FilmPolicy;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/**
 * Posters and stills: {@code PUT /api/films/:id/poster}, {@code POST /api/films/:id/stills},
 * {@code DELETE /api/films/:id/poster|stills/:name}, and the files at
 * {@code /images/{filmId}/{name}-{width}.jpg}, served only to callers who may see the film.
 */
public final class ImageRoutes {
  /** The largest upload accepted; the body handler and {@link #sizeGuard} enforce it. */
  public static final long MAX_BYTES = 20L * 1024 * 1024;
  private static final String YEAR = "max-age=31536000, immutable";

  private final FilmStore films;
  private final FilmImageStore images;
  private final Optional<ImageProcessor> processor;
  private final Blocking blocking;
  private final WorkerExecutor imageWorkers;
  private final FilmFiles files;

  /**
   * Creates the routes.
   *
   * @param processor empty when ffmpeg is not usable: uploads then answer 503
   * @param imageWorkers a small pool for ffmpeg runs, apart from the JDBC workers
   */
  public ImageRoutes(FilmStore films, FilmImageStore images, Optional<ImageProcessor> processor,
      Blocking blocking, WorkerExecutor imageWorkers, FilmFiles files) {
    this.films = films;
    this.images = images;
    this.processor = processor;
    this.blocking = blocking;
    this.imageWorkers = imageWorkers;
    this.files = files;
  }

  /** Guard before the body handler: a declared length over the cap is a 413 with a sentence. */
  public void sizeGuard(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BYTES) {
      ctx.fail(ApiError.of(413, "Images are limited to " + MAX_BYTES / (1024 * 1024)
          + " MB: send a smaller file."));
      return;
    }
    ctx.next();
  }

  /** {@code PUT /api/films/:id/poster}: 200 with the new poster; the old one is deleted. */
  public void putPoster(RoutingContext ctx) {
    upload(ctx, FilmImage.Kind.POSTER, 200);
  }

  /** {@code POST /api/films/:id/stills}: 201 with the new still. */
  public void addStill(RoutingContext ctx) {
    upload(ctx, FilmImage.Kind.STILL, 201);
  }

  private void upload(RoutingContext ctx, FilmImage.Kind kind, int status) {
    Account caller = AuthHandler.requireCaller(ctx);
    ImageType type = ImageType.fromContentType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))
        .orElseThrow(() -> ApiError.of(415, "Send the image as image/jpeg, image/png or "
            + "image/webp, with the matching Content-Type."));
    Buffer bytes = ctx.body() == null ? null : ctx.body().buffer();
    if (bytes == null || bytes.length() == 0) {
      throw ApiError.of(400, "The body is empty: send the image file itself.");
    }
    ImageProcessor images = processor.orElseThrow(() -> ApiError.of(503,
        "Images cannot be processed: ffmpeg is not usable on this server (see /health/ready)."));
    String id = ctx.pathParam("id");
    imageWorkers.executeBlocking(() -> {
      Film film = editable(id, caller);
      FilmImage image = images.store(film.id(), kind, type, bytes);
      if (kind == FilmImage.Kind.POSTER) {
        this.images.setPoster(film.id(), image).ifPresent(old -> images.delete(film.id(), old));
      } else {
        this.images.addStill(film.id(), image);
      }
      return FilmJson.image(film.id(), image);
    }, /* ordered= */ false).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, status, json));
  }

  /** {@code DELETE /api/films/:id/stills/:name} and {@code .../poster}: 204, or 404. */
  public void delete(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    String name = ctx.pathParam("name");
    blocking.run(() -> {
      Film film = editable(id, caller);
      Optional<FilmImage> target = name == null ? film.images().poster()
          : film.images().stills().stream().filter(s -> s.name().equals(name)).findFirst();
      FilmImage image = target.flatMap(t -> images.removeImage(film.id(), t.name()))
          .orElseThrow(() -> ApiError.notFound("image"));
      processor.ifPresent(p -> p.delete(film.id(), image));
      return image;
    }).onFailure(ctx::fail).onSuccess(i -> ctx.response().setStatusCode(204).end());
  }

  /**
   * {@code GET /images/{filmId}/{name}-{width}.jpg}: the stored JPEG, when the caller may see the
   * film; cached for a year (files never change under a name) and revalidated by ETag.
   */
  public void serve(RoutingContext ctx) {
    Optional<ImagePath> parsed = ImagePath.parse(ctx.request().path());
    if (parsed.isEmpty()) {
      ctx.fail(ApiError.notFound("image"));
      return;
    }
    ImagePath path = parsed.get();
    Optional<Account> caller = AuthHandler.caller(ctx);
    blocking.run(() -> films.find(path.filmId())
            .filter(f -> FilmPolicy.canSee(f, caller))
            .filter(f -> f.images().find(path.name())
                .map(i -> i.widths().contains(path.width())).orElse(false))
            .orElseThrow(() -> ApiError.notFound("image")))
        .onFailure(ctx::fail)
        .onSuccess(film -> send(ctx, path, film));
  }

  private void send(RoutingContext ctx, ImagePath path, Film film) {
    String etag = "\"" + path.name() + "-" + path.width() + "\"";
    // Images of films open to link holders may sit in shared caches; the rest only in the
    // caller's own.
    String cache = (film.visibility().openToLinkHolders() ? "public, " : "private, ") + YEAR;
    ctx.response().putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CACHE_CONTROL, cache)
        .putHeader("X-Content-Type-Options", "nosniff");
    String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "image/jpeg")
        .sendFile(files.imagesDir(film.id()).resolve(path.fileName()).toString())
        .onFailure(e -> {
          if (!ctx.response().headWritten()) {
            ctx.response().headers().remove(HttpHeaders.CACHE_CONTROL).remove(HttpHeaders.ETAG);
            ctx.fail(ApiError.notFound("image"));
          } else {
            ctx.response().reset();
          }
        });
  }

  private Film editable(String id, Account caller) {
    return films.find(id).filter(f -> FilmPolicy.canEdit(f, Optional.of(caller)))
        .orElseThrow(() -> ApiError.notFound("film"));
  }
}
