package org.screenroom.server.subtitle;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.film.FilmPolicy;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;
import org.screenroom.transcode.packaging.SubtitleManifests;
import org.screenroom.transcode.packaging.TextTrack;
import org.screenroom.transcode.subtitles.WebVtt;

/**
 * Subtitles per language: {@code GET /api/films/:id/subtitles}, {@code PUT
 * /api/films/:id/subtitles/:language} (SRT or WebVTT text; {@code ?label=} names it) and {@code
 * DELETE} of one language. A ready film's package gets the track at once (its master playlist and
 * DASH manifest are rewritten, no transcode, the track's files added under new names); the stored
 * files also go into every later package.
 */
public final class SubtitleRoutes {
  /** Subtitle files are text: a feature's worth is a few hundred KB. */
  public static final long MAX_BYTES = 2L * 1024 * 1024;
  private static final int MAX_LABEL = 60;

  private final FilmStore films;
  private final SubtitleStore store;
  private final FilmFiles files;
  private final Blocking blocking;
  private final PackageEditor editor;

  /**
   * @param packageChanged told the film id after its package files changed (hot-path caches)
   */
  public SubtitleRoutes(FilmStore films, SubtitleStore store, FilmFiles files, Blocking blocking,
      Consumer<String> packageChanged) {
    this(films, store, files, blocking, new PackageEditor() {
      @Override
      public Path directory(String filmId) {
        return files.packageDir(filmId);
      }

      @Override
      public void checkout(String filmId) {
        // The package directory is the package.
      }

      @Override
      public void publish(String filmId, List<String> changed) {
        // Written in place already.
      }

      @Override
      public void changed(String filmId) {
        packageChanged.accept(filmId);
      }
    });
  }

  /**
   * @param editor reaches the package's files where they are kept (local disk, or a bucket)
   */
  public SubtitleRoutes(FilmStore films, SubtitleStore store, FilmFiles files, Blocking blocking,
      PackageEditor editor) {
    this.films = films;
    this.store = store;
    this.files = files;
    this.blocking = blocking;
    this.editor = editor;
  }

  /** {@code GET /api/films/:id/subtitles}: 200 {@code {"items": [{"language", "label"}]}}. */
  public void list(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    blocking.run(() -> items(store.tracks(editable(id, caller).id())))
        .onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code PUT /api/films/:id/subtitles/:language}: 200 with the film's tracks. */
  public void put(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    String language = SubtitleStore.language(ctx.pathParam("language")).orElseThrow(() -> ApiError.badField(
        "language", "The language must be a language tag such as en, fra or pt-br."));
    String label = Optional.ofNullable(ctx.request().getParam("label")).map(String::strip)
        .filter(l -> !l.isEmpty()).orElse(SubtitleManifests.defaultLabel(language));
    if (label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
      throw ApiError.badField("label", "The label must be one line of at most " + MAX_LABEL + " characters.");
    }
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiError.of(400, "The body is empty: send the subtitle file itself (SRT or WebVTT).");
    }
    String vtt;
    try {
      vtt = WebVtt.convert(decode(body.getBytes()));
    } catch (IllegalArgumentException e) {
      throw ApiError.of(400, "This is not an SRT or WebVTT file (" + e.getMessage()
          + "). Export the subtitles as .srt or .vtt.");
    }
    TextTrack track = new TextTrack(language, label);
    blocking.run(() -> {
      Film film = editable(id, caller);
      synchronized (SubtitleRoutes.class) {
        List<TextTrack> tracks = store.put(film.id(), track, vtt);
        republish(film, tracks);
        return items(tracks);
      }
    }).onFailure(ctx::fail).onSuccess(json -> Failures.send(ctx, 200, json));
  }

  /** {@code DELETE /api/films/:id/subtitles/:language}: 204, or 404. */
  public void delete(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    String language = SubtitleStore.language(ctx.pathParam("language"))
        .orElseThrow(() -> ApiError.notFound("subtitle track"));
    blocking.run(() -> {
      Film film = editable(id, caller);
      synchronized (SubtitleRoutes.class) {
        List<TextTrack> tracks = store.remove(film.id(), language)
            .orElseThrow(() -> ApiError.notFound("subtitle track"));
        republish(film, tracks);
        return tracks;
      }
    }).onFailure(ctx::fail).onSuccess(t -> ctx.response().setStatusCode(204).end());
  }

  /**
   * Writes the tracks into a ready film's package. A film still processing picks them up from the
   * store when its package is written; a draft has no package yet. Every track is written under
   * a revision named after its content ({@code subs/en_REV.vtt}): the files of a published
   * version are served as immutable, so an edit adds new files under new URLs and only the entry
   * manifests (short cache life, unversioned URLs) change to name them.
   */
  private void republish(Film film, List<TextTrack> tracks) throws IOException {
    if (film.status() != FilmStatus.READY) {
      return;
    }
    editor.checkout(film.id());
    Path pkg = editor.directory(film.id());
    Path master = pkg.resolve("master.m3u8");
    Path mpd = pkg.resolve("manifest.mpd");
    String dash = Files.readString(mpd, StandardCharsets.UTF_8);
    double seconds = SubtitleManifests.seconds(dash);
    Path subs = Files.createDirectories(pkg.resolve(TextTrack.DIR));
    List<String> changed = new java.util.ArrayList<>();
    List<TextTrack> revised = new java.util.ArrayList<>();
    for (TextTrack plain : tracks) {
      String vtt = store.text(film.id(), plain.language());
      TextTrack t = plain.revised(SubtitleRevision.of(vtt, seconds));
      revised.add(t);
      SubtitleStore.writeAtomically(subs.resolve(t.vttFile()), vtt);
      SubtitleStore.writeAtomically(subs.resolve(t.playlistFile()), SubtitleManifests.playlist(t, seconds));
      changed.add(TextTrack.DIR + "/" + t.vttFile());
      changed.add(TextTrack.DIR + "/" + t.playlistFile());
    }
    SubtitleStore.writeAtomically(master, SubtitleManifests.hls(Files.readString(master, StandardCharsets.UTF_8), revised));
    SubtitleStore.writeAtomically(mpd, SubtitleManifests.dash(dash, revised));
    changed.add("master.m3u8");
    changed.add("manifest.mpd");
    editor.publish(film.id(), changed);
    // The package index is keyed by the film's version: a new version makes the hot path re-read it.
    films.update(film.id(), film.metadata(), film.details());
    editor.changed(film.id());
  }

  private Film editable(String id, Account caller) {
    return films.find(id).filter(f -> FilmPolicy.canEdit(f, Optional.of(caller)))
        .orElseThrow(() -> ApiError.notFound("film"));
  }

  private static JsonObject items(List<TextTrack> tracks) {
    JsonArray items = new JsonArray();
    tracks.forEach(t -> items.add(new JsonObject().put("language", t.language()).put("label", t.name())));
    return new JsonObject().put("items", items);
  }

  /** UTF-8, else Latin-1: many SRT files from older tools are Windows-1252/Latin-1. */
  static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }
}
