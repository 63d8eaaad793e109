package org.screenroom.server.film;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmDetails;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.FilmPage;
import org.screenroom.catalog.film.FilmQuery;
import org.screenroom.catalog.film.SlugTakenException;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.storage.FilmStorage;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;
import org.screenroom.server.stream.FilmAccessCache;
import org.screenroom.server.stream.PlaybackIssuer;
import org.screenroom.server.upload.UploadCleaner;

/** {@code /api/films}: create, list and search, read, change, delete, and playback URLs. */
public final class FilmRoutes {
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;
  private static final int MAX_QUERY = 200;

  private final FilmStore films;
  private final Blocking blocking;
  private final PlaybackIssuer issuer;
  private final FilmAccessCache access;
  private final Clock clock;
  private final BaseUrls baseUrls;
  private final FilmFiles files;
  private final FilmStorage storage;
  private final UploadCleaner uploads;

  /** Builds absolute base URLs for a request. */
  @FunctionalInterface
  public interface BaseUrls {
    /** The base URL for links answered to {@code ctx}. */
    String of(RoutingContext ctx);
  }

  /**
   * Starts an audience playback session for heartbeats ({@code POST /api/playback/{session}/events}).
   */
  @FunctionalInterface
  public interface AudienceSessions {
    /** Records no session (the answer carries none). */
    AudienceSessions NONE = (filmId, caller, ctx) -> null;

    /** Starts a session and answers its id, or null; blocking (runs on a worker). */
    String start(String filmId, Optional<Account> caller, RoutingContext ctx);
  }

  private final AudienceSessions sessions;

  /**
   * Creates the routes; {@code uploads} removes a deleted film's unfinished uploads and
   * {@code sessions} starts a playback session with each playback answer.
   */
  public FilmRoutes(FilmStore films, Blocking blocking, PlaybackIssuer issuer,
      FilmAccessCache access, Clock clock, BaseUrls baseUrls, FilmFiles files,
      UploadCleaner uploads, AudienceSessions sessions) {
    this(films, blocking, issuer, access, clock, baseUrls, files, uploads, sessions,
        FilmStorage.local(files.dataDir()));
  }

  /**
   * Creates the routes.
   *
   * @param storage where the film's master and package are kept, removed with the film
   */
  public FilmRoutes(FilmStore films, Blocking blocking, PlaybackIssuer issuer,
      FilmAccessCache access, Clock clock, BaseUrls baseUrls, FilmFiles files,
      UploadCleaner uploads, AudienceSessions sessions, FilmStorage storage) {
    this.storage = storage;
    this.sessions = sessions;
    this.files = files;
    this.uploads = uploads;
    this.films = films;
    this.blocking = blocking;
    this.issuer = issuer;
    this.access = access;
    this.clock = clock;
    this.baseUrls = baseUrls;
  }

  /** {@code POST /api/films}. */
  public void create(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    JsonObject body = jsonBody(ctx);
    var metadata = FilmRequest.create(body, Visibility.DRAFT);
    FilmDetails details = FilmRequest.details(FilmDetails.none(), body);
    blocking.run(() -> {
      checkTrailer(details, caller.id(), null);
      try {
        return renderFor(films.create(caller.id(), metadata, details), Optional.of(caller));
      } catch (SlugTakenException e) {
        throw ApiError.of(409, e.getMessage());
      }
    }).onFailure(ctx::fail).onSuccess(json -> {
      ctx.response().putHeader("Location", "/api/films/" + json.getString("id"));
      Failures.send(ctx, 201, json);
    });
  }

  /** A trailer must be another film of the film's owner ({@code ownerId}); else a 400. Blocking. */
  private void checkTrailer(FilmDetails details, String ownerId, String filmId) {
    if (details.trailerFilmId().isEmpty()) {
      return;
    }
    String trailerId = details.trailerFilmId().get();
    boolean ok = !trailerId.equals(filmId) && films.find(trailerId)
        .map(t -> t.ownerId().equals(ownerId)).orElse(false);
    if (!ok) {
      throw ApiError.badField("trailerFilmId", "trailerFilmId must be the id of another film of "
          + "the same filmmaker.");
    }
  }

  /** The film's JSON for {@code caller}, naming its trailer when the caller may see it. Blocking. */
  JsonObject renderFor(Film film, Optional<Account> caller) {
    Optional<Film> trailer = film.details().trailerFilmId().flatMap(films::find)
        .filter(t -> FilmPolicy.canSee(t, caller));
    return FilmJson.render(film, FilmPolicy.canEdit(film, caller), trailer);
  }

  /**
   * {@code GET /api/films?q=&genre=&year=&limit=&cursor=}: the caller's films, or all for an
   * admin, or the public ones released now for anonymous callers; best match first with {@code q},
   * else newest first. {@code nextCursor} fetches the next page.
   */
  public void list(RoutingContext ctx) {
    Optional<Account> caller = AuthHandler.caller(ctx);
    FilmQuery query = new FilmQuery(
        caller.filter(a -> !a.isAdmin()).map(Account::id),
        caller.isEmpty(),
        textParam(ctx, "q", MAX_QUERY),
        limit(ctx.request().getParam("limit")),
        textParam(ctx, "genre", MAX_QUERY),
        year(ctx.request().getParam("year")),
        textParam(ctx, "cursor", MAX_QUERY),
        language(textParam(ctx, "language", MAX_QUERY)));
    blocking.run(() -> {
      FilmPage page;
      try {
        page = films.page(query);
      } catch (IllegalArgumentException e) {
        throw ApiError.badField("cursor", "cursor is not one this server made: use the nextCursor "
            + "of a previous answer, or leave it out for the first page.");
      }
      return new JsonObject().put("items", render(page.items(), caller))
          .put("nextCursor", page.nextCursor().orElse(null));
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  private static Optional<String> language(Optional<String> raw) {
    return raw.map(tag -> Optional.ofNullable(FilmDetailFields.language(tag)).orElseThrow(() ->
        ApiError.badField("language", "language must be a BCP 47 language tag such as fr or pt-BR.")));
  }

  private static Optional<String> textParam(RoutingContext ctx, String name, int max) {
    Optional<String> value = Optional.ofNullable(ctx.request().getParam(name)).map(String::strip)
        .filter(s -> !s.isEmpty());
    if (value.isPresent() && value.get().length() > max) {
      throw ApiError.badField(name, name + " is longer than " + max + " characters.");
    }
    return value;
  }

  private static Optional<Integer> year(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(raw.strip()));
    } catch (NumberFormatException e) {
      throw ApiError.badField("year", "year must be a whole number such as 2026.");
    }
  }

  /** {@code GET /api/films/:id}. */
  public void get(RoutingContext ctx) {
    Optional<Account> caller = AuthHandler.caller(ctx);
    String id = ctx.pathParam("id");
    blocking.run(() -> renderFor(films.find(id).filter(f -> FilmPolicy.canSee(f, caller))
            .orElseThrow(() -> ApiError.notFound("film")), caller))
        .onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code GET /api/films/by-slug/:slug}: the film with this slug, when the caller may see it. */
  public void getBySlug(RoutingContext ctx) {
    Optional<Account> caller = AuthHandler.caller(ctx);
    String slug = ctx.pathParam("slug");
    blocking.run(() -> renderFor(films.findBySlug(slug).filter(f -> FilmPolicy.canSee(f, caller))
            .orElseThrow(() -> ApiError.notFound("film")), caller))
        .onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code PATCH /api/films/:id}: changes the fields sent. */
  public void patch(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    JsonObject body = jsonBody(ctx);
    String id = ctx.pathParam("id");
    blocking.run(() -> {
      Film film = editable(id, caller);
      FilmMetadata metadata = FilmRequest.patch(film.metadata(), body);
      FilmDetails details = FilmRequest.details(film.details(), body);
      if (!details.trailerFilmId().equals(film.details().trailerFilmId())) {
        checkTrailer(details, film.ownerId(), film.id());
      }
      try {
        Film updated = films.update(id, metadata, details)
            .orElseThrow(() -> ApiError.notFound("film"));
        return renderFor(updated, Optional.of(caller));
      } catch (SlugTakenException e) {
        throw ApiError.of(409, e.getMessage());
      }
    }).onFailure(ctx::fail).onSuccess(json -> {
      access.invalidate(id);
      Failures.send(ctx, 200, json);
    });
  }

  /**
   * {@code DELETE /api/films/:id}: the film, its rows (credits, renditions, jobs, grants ...) and
   * its files (master, package, images). Refused while it is being processed.
   */
  public void delete(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    blocking.run(() -> {
      Film film = editable(id, caller);
      if (film.preparing()) {
        throw ApiError.of(409, "This film is being processed: cancel its job "
            + "(POST /api/jobs/{id}/cancel) or let it finish, then delete it.");
      }
      // Before the film's row: its uploads' rows go with it, and their files would be orphans.
      uploads.removeForFilm(id);
      films.delete(id);
      // The rows went first: a viewer can no longer be handed this film while its files go.
      deleteTree(files.filmDir(id));
      storage.deleteFilm(id);
      return id;
    }).onFailure(ctx::fail).onSuccess(deleted -> {
      access.invalidate(deleted);
      ctx.response().setStatusCode(204).end();
    });
  }

  private static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.exists(dir)) {
      return;
    }
    try (var walk = java.nio.file.Files.walk(dir)) {
      for (java.nio.file.Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        // Masters are read-only; the directory's own permission is what deletion needs.
        java.nio.file.Files.deleteIfExists(p);
      }
    }
  }

  /** {@code GET /api/films/:id/playback}: signed HLS and DASH URLs for a caller allowed to watch. */
  public void playback(RoutingContext ctx) {
    playbackAnswer(ctx, ctx.pathParam("id"), AuthHandler.caller(ctx))
        .onFailure(ctx::fail)
        .onSuccess(answer -> Failures.send(ctx, 200, answer));
  }

  /**
   * The playback answer for {@code caller} (signed manifest URLs, their expiry and a new audience
   * session), or an {@link ApiError} saying why the caller may not watch. One worker hop: the
   * watch page asks for it too, to send it inside its HTML.
   */
  public io.vertx.core.Future<JsonObject> playbackAnswer(RoutingContext ctx, String id,
      Optional<Account> caller) {
    String base = baseUrls.of(ctx);
    String address = org.screenroom.server.http.ClientAddress.of(ctx);
    return blocking.run(() -> {
      Film film = films.find(id).filter(f -> FilmPolicy.canSee(f, caller))
          .orElseThrow(() -> ApiError.notFound("film"));
      Optional<FilmPolicy.Refusal> refusal = FilmPolicy.watchRefusal(film, caller, clock.instant());
      if (refusal.isPresent()) {
        throw ApiError.of(refusal.get().status(), sentence(refusal.get(), film));
      }
      JsonObject answer = issuer.issue(base, film.id(), caller, address);
      String session = sessions.start(film.id(), caller, ctx);
      return session == null ? answer : answer.put("session", session);
    });
  }

  static String sentence(FilmPolicy.Refusal refusal, Film film) {
    return switch (refusal) {
      case NOT_FOUND -> "No film here: check the address.";
      case NOT_READY -> "This film is still being prepared (" + film.progress()
          + "% done): try again in a few minutes.";
      case FAILED -> "This film could not be prepared for streaming: " + film.error();
      case NOT_YET_RELEASED -> "This film is not released yet: it opens on "
          + film.metadata().availableFrom().orElseThrow() + ".";
      case NO_LONGER_AVAILABLE -> "This film is no longer available: its release window closed on "
          + film.metadata().availableUntil().orElseThrow() + ".";
    };
  }

  private Film editable(String id, Account caller) {
    // Another filmmaker's film answers 404, not 403, so ids cannot be probed.
    return films.find(id).filter(f -> FilmPolicy.canEdit(f, Optional.of(caller)))
        .orElseThrow(() -> ApiError.notFound("film"));
  }

  private JsonArray render(List<Film> found, Optional<Account> caller) {
    JsonArray items = new JsonArray();
    found.forEach(f -> items.add(renderFor(f, caller)));
    return items;
  }

  private static int limit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.badField("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
  }

  /** The request body as a JSON object, or a 400 saying what to send. */
  public static JsonObject jsonBody(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw ApiError.of(415, "Send the body as application/json.");
    }
    // length() is -1 (and buffer() null) when no body came at all.
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
      throw ApiError.of(400, "The body is empty: send a JSON object.");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
    } catch (io.vertx.core.json.DecodeException e) {
      throw ApiError.of(400, "The body is not valid JSON: send a JSON object.");
    }
    if (parsed instanceof JsonObject o) {
      return o;
    }
    throw ApiError.of(400, "The body must be a JSON object, not " + describe(parsed) + ".");
  }

  private static String describe(Object parsed) {
    return parsed instanceof JsonArray ? "an array" : parsed == null ? "null" : "a single value";
  }
}
