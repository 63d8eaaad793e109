package org.screenroom.server.pages;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmPage;
import org.screenroom.catalog.film.FilmQuery;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.server.film.FilmPolicy;
import org.screenroom.server.film.FilmRoutes;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.screenroom.server.http.Failures;

/**
 * What makes a film shareable: the film page with its OpenGraph tags, oEmbed and the sitemap.
 * Only films anyone may see (unlisted or public) get tags and oEmbed answers; the sitemap lists
 * only public films released now.
 */
public final class ShareRoutes {
  /** The most URLs one sitemap file may hold (sitemaps.org). */
  private static final int SITEMAP_MAX = 50_000;
  private static final int PAGE = 500;

  private final FilmStore films;
  private final Blocking blocking;
  private final PageRoutes pages;
  private final FilmRoutes.BaseUrls baseUrls;

  /** Creates the routes. */
  public ShareRoutes(FilmStore films, Blocking blocking, PageRoutes pages, FilmRoutes.BaseUrls baseUrls) {
    this.films = films;
    this.blocking = blocking;
    this.pages = pages;
    this.baseUrls = baseUrls;
  }

  /** {@code GET /films/:id}: the film page, with share tags when anyone may see the film. */
  public void filmPage(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String base = baseUrls.of(ctx);
    String template = pages.template("film");
    blocking.run(() -> films.find(id).filter(f -> FilmPolicy.canSee(f, Optional.empty())))
        .onFailure(ctx::fail)
        .onSuccess(film -> PageRoutes.send(ctx, Buffer.buffer(film
            .map(f -> ShareTags.render(template, f, base)).orElse(template)), false));
  }

  /** {@code GET /oembed?url=...&format=json&maxwidth=&maxheight=}. */
  public void oembed(RoutingContext ctx) {
    String format = Optional.ofNullable(ctx.request().getParam("format")).orElse("json");
    if (!"json".equals(format)) {
      throw ApiError.of(501, "Only format=json is offered.");
    }
    String url = ctx.request().getParam("url");
    if (url == null || url.isBlank()) {
      throw ApiError.badField("url", "Give the film page's address as ?url=.");
    }
    Optional<Integer> maxWidth = size(ctx, "maxwidth");
    Optional<Integer> maxHeight = size(ctx, "maxheight");
    String id = OEmbed.filmId(url).orElseThrow(() -> ApiError.notFound("film at that address"));
    String base = baseUrls.of(ctx);
    blocking.run(() -> films.find(id).filter(f -> FilmPolicy.canSee(f, Optional.empty()))
            .orElseThrow(() -> ApiError.notFound("film at that address")))
        .onFailure(ctx::fail)
        .onSuccess(film -> {
          ctx.response().putHeader("Access-Control-Allow-Origin", "*");
          Failures.send(ctx, 200, OEmbed.answer(film, base, maxWidth, maxHeight));
        });
  }

  /** {@code GET /sitemap.xml}. */
  public void sitemap(RoutingContext ctx) {
    String base = baseUrls.of(ctx);
    blocking.run(this::publicFilms).onFailure(ctx::fail).onSuccess(list -> ctx.response()
        .putHeader("Content-Type", "application/xml; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=600")
        .end(Sitemap.render(base, list)));
  }

  /** {@code GET /robots.txt}: everything may be crawled; the sitemap is named. */
  public void robots(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("User-agent: *\nDisallow: /api/\nDisallow: /play/\nDisallow: /studio\n"
            + "Sitemap: " + baseUrls.of(ctx) + "/sitemap.xml\n");
  }

  private List<Film> publicFilms() {
    List<Film> out = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      FilmPage page = films.page(new FilmQuery(Optional.empty(), true, Optional.empty(), PAGE,
          Optional.empty(), Optional.empty(), cursor));
      out.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor.isPresent() && out.size() < SITEMAP_MAX);
    return out.size() > SITEMAP_MAX ? out.subList(0, SITEMAP_MAX) : out;
  }

  private static Optional<Integer> size(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      int v = Integer.parseInt(raw);
      if (v > 0 && v <= 10_000) {
        return Optional.of(v);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.badField(name, name + " must be a whole number of pixels from 1 to 10000.");
  }
}
