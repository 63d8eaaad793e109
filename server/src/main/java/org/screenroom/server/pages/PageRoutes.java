package org.screenroom.server.pages;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.screenroom.server.http.Failures;

/**
 * The HTML pages of player-web, read once from the classpath ({@code web/*.html}) and sent with
 * security headers. Scripts and styles are served by the static handler under {@code /assets}.
 */
public final class PageRoutes {
  /**
   * Scripts only from this origin; MSE players need blob: media and workers. hls.js gives each
   * caption track an empty {@code data:,WEBVTT} source (so Chrome keeps its cues), hence data:
   * media; media cannot run script, so this opens no way in.
   */
  static final String CSP = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "media-src 'self' blob: data:",
      "worker-src 'self' blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'");

  private final Map<String, Buffer> pages;

  private PageRoutes(Map<String, Buffer> pages) {
    this.pages = pages;
  }

  /**
   * Loads the pages.
   *
   * @throws IllegalStateException when the player-web build is missing from the classpath
   */
  public static PageRoutes load() {
    return new PageRoutes(Map.of(
        "index", read("index.html"),
        "watch", read("watch.html"),
        "film", read("film.html"),
        "studio", read("studio.html"),
        "screener", read("screener.html"),
        "festivals", read("festivals.html")));
  }

  private static Buffer read(String name) {
    try (InputStream in = PageRoutes.class.getClassLoader().getResourceAsStream("web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("web/" + name + " is missing from the classpath: "
            + "build player-web first (mvn -pl player-web package).");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A handler answering the named page; {@code framable} allows framing from any site. */
  public io.vertx.core.Handler<RoutingContext> page(String name, boolean framable) {
    Buffer body = pages.get(name);
    return ctx -> send(ctx, body, framable);
  }

  /** The named page's HTML, as a template for pages rendered per request. */
  public String template(String name) {
    return pages.get(name).toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Sends an HTML page with the security headers every page carries. */
  public static void send(RoutingContext ctx, Buffer body, boolean framable) {
    send(ctx, body, framable, "no-cache");
  }

  /** Sends an HTML page with the security headers and the given {@code Cache-Control}. */
  public static void send(RoutingContext ctx, Buffer body, boolean framable, String cacheControl) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", CSP + "; frame-ancestors " + (framable ? "*" : "'none'"))
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "strict-origin-when-cross-origin")
        .putHeader("Cache-Control", cacheControl)
        .end(body);
  }

  /** A 404 for unknown non-API paths, as JSON (pages come later in player-web). */
  public static void notFound(RoutingContext ctx) {
    Failures.send(ctx, 404, new io.vertx.core.json.JsonObject().put("error",
        "Nothing here: check the address."));
  }
}
