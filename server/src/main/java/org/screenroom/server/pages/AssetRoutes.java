package org.screenroom.server.pages;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.screenroom.server.http.Blocking;

/**
 * {@code GET /assets/*}: player-web's scripts, styles and icons. Their names carry a content
 * hash, so they are cached for a year as immutable. The build writes {@code .br} and {@code .gz}
 * copies of text assets; the one the browser accepts is sent with {@code Content-Encoding}
 * (the server compresses nothing on the fly: that would cost zero-copy sends of segments).
 * Assets are read from the classpath once, on a worker, and kept: they are a fixed, small set.
 */
public final class AssetRoutes {
  /** Server's preference: brotli is the smaller. */
  private static final List<String> CODINGS = List.of("br", "gzip");
  private static final Map<String, String> SUFFIX = Map.of("br", ".br", "gzip", ".gz");
  /** Names the build produces: no directories, no dot-dot. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}");
  static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

  private final String root;
  private final Blocking blocking;
  private final Map<String, Asset> cache = new ConcurrentHashMap<>();

  /** One asset and its compressed copies by coding. */
  record Asset(Buffer identity, Map<String, Buffer> encoded, String contentType) {}

  /** Serves the classpath folder {@code root} (e.g. {@code web/assets}). */
  public AssetRoutes(String root, Blocking blocking) {
    this.root = root;
    this.blocking = blocking;
  }

  /** The handler. */
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (!NAME.matcher(name).matches() || name.endsWith(".br") || name.endsWith(".gz")) {
      PageRoutes.notFound(ctx);
      return;
    }
    Asset cached = cache.get(name);
    if (cached != null) {
      send(ctx, cached);
      return;
    }
    blocking.run(() -> load(name)).onFailure(ctx::fail).onSuccess(found -> {
      if (found.isEmpty()) {
        PageRoutes.notFound(ctx);
        return;
      }
      cache.putIfAbsent(name, found.get());
      send(ctx, found.get());
    });
  }

  private static void send(RoutingContext ctx, Asset asset) {
    var response = ctx.response()
        .putHeader("Content-Type", asset.contentType())
        .putHeader("Cache-Control", CACHE_CONTROL)
        .putHeader("X-Content-Type-Options", "nosniff");
    Buffer body = asset.identity();
    if (!asset.encoded().isEmpty()) {
      // Caches must key on Accept-Encoding even when this answer is identity.
      response.putHeader("Vary", "Accept-Encoding");
      List<String> offered = new ArrayList<>();
      for (String coding : CODINGS) {
        if (asset.encoded().containsKey(coding)) {
          offered.add(coding);
        }
      }
      Optional<String> coding = AcceptEncoding.choose(
          ctx.request().getHeader("Accept-Encoding"), offered);
      if (coding.isPresent()) {
        response.putHeader("Content-Encoding", coding.get());
        body = asset.encoded().get(coding.get());
      }
    }
    response.end(body);
  }

  /** Blocking: reads the asset and its compressed copies from the classpath. */
  private Optional<Asset> load(String name) {
    Optional<Buffer> identity = read(root + "/" + name);
    if (identity.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Buffer> encoded = new ConcurrentHashMap<>();
    for (String coding : CODINGS) {
      read(root + "/" + name + SUFFIX.get(coding)).ifPresent(b -> encoded.put(coding, b));
    }
    return Optional.of(new Asset(identity.get(), Map.copyOf(encoded), contentType(name)));
  }

  static String contentType(String name) {
    String type = MimeMapping.mimeTypeForFilename(name);
    if (type == null) {
      return "application/octet-stream";
    }
    boolean text = type.startsWith("text/") || type.endsWith("javascript") || type.endsWith("json")
        || type.endsWith("+xml");
    return text ? type + "; charset=utf-8" : type;
  }

  private static Optional<Buffer> read(String resource) {
    try (InputStream in = AssetRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
