package org.screenroom.server.stream;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.screenroom.server.http.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment hot path: {@code GET|HEAD /play/TOKEN/FILM/FILE}. The path is parsed by a pure
 * parser, the token checked with HMAC in memory, the film's package found in an in-memory cache
 * with every file's size and ETag, conditional and range requests answered from that
 * ({@link SegmentAnswer}, the decision {@link FastSegments} sends too), and the bytes sent with zero-copy {@code sendFile} of a file held open by {@link OpenFiles} (opened on
 * a worker the first time; manifests from memory, so they can be compressed), the socket corked
 * while a file goes out ({@link SendFileCork}).
 * No JDBC, no file open and no file-system metadata call by path on this path (Vert.x asks the
 * open channel's size, an {@code fstat} of the descriptor, before sending it). With
 * {@code fast-segments} on, the common plain 200 or 206 of a held file never reaches this
 * handler: {@link FastSegments} writes it below Vert.x; everything else still comes here.
 */
public final class SegmentHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentHandler.class);

  private final TokenSigner signer;
  private final FilmAccessCache access;
  private final Optional<StorageDelivery> remote;
  private final OpenFiles files;

  /**
   * Creates the handler.
   *
   * @param remote sends the files of packages kept in remote storage (streamed or redirected)
   * @param files holds the files of packages on local disk open, opened on a worker
   */
  public SegmentHandler(TokenSigner signer, FilmAccessCache access,
      Optional<StorageDelivery> remote, OpenFiles files) {
    this.signer = signer;
    this.access = access;
    this.remote = remote;
    this.files = files;
  }

  /** Serves one package file. */
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("Access-Control-Allow-Origin", "*");
    PlayRequest play = PlayRequest.of(ctx, signer);
    if (play.path().isEmpty()) {
      error(ctx, 404, "Nothing here: check the address.");
      return;
    }
    PlaybackPath path = play.path().get();
    TokenCheck check = play.check();
    if (check != TokenCheck.VALID) {
      error(ctx, check.status(), switch (check) {
        case EXPIRED -> "This playback link has expired: reload the page to get a new one.";
        case WRONG_NETWORK -> "This playback link was issued to another network: reload the page"
            + " to get one for yours.";
        default -> "This playback link is not valid: reload the page to get a new one.";
      });
      return;
    }
    access.get(path.filmId(), ctx.vertx().getOrCreateContext()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Optional<PackageIndex.Entry> entry = ar.result().flatMap(f -> f.file(path));
      if (entry.isEmpty()) {
        error(ctx, 404, "This film or file is not available.");
      } else if (redirected(entry.get())) {
        remote.get().redirect(ctx.response(), entry.get().key(),
            TokenSigner.decode(path.token(), path.filmId()).expiresAt(),
            e -> unavailable(ctx, e));
      } else {
        send(ctx, path, entry.get());
      }
    });
  }

  private void send(RoutingContext ctx, PlaybackPath path, PackageIndex.Entry file) {
    HttpServerResponse response = ctx.response();
    MultiMap headers = response.headers();
    MultiMap request = ctx.request().headers();
    SegmentAnswer answer = SegmentAnswer.of(path, file, request.get(HttpHeaders.IF_NONE_MATCH),
        request.get(HttpHeaders.IF_MODIFIED_SINCE), request.get("Range"), request.get("If-Range"),
        request.get(HttpHeaders.ACCEPT_ENCODING));
    for (SegmentAnswer.Header h : answer.headers()) {
      headers.set(h.name(), h.value());
    }
    if (answer.kind() == SegmentAnswer.Kind.NOT_MODIFIED) {
      response.setStatusCode(304).end();
      return;
    }
    if (answer.kind() == SegmentAnswer.Kind.UNSATISFIABLE) {
      error(ctx, 416, "The requested byte range is outside the file.");
      return;
    }
    long first = answer.first();
    long length = answer.length();
    if (answer.partial()) {
      response.setStatusCode(206);
    }
    if (answer.gzip()) {
      response.end(file.gzipped());
      return;
    }
    if (file.content() != null) {
      response.end(file.content().slice((int) first, (int) (first + length)));
      return;
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      // Answered from the index: no file is opened for a HEAD.
      headers.set(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
      response.end();
      return;
    }
    if (file.path() == null) {
      // Kept in remote storage: streamed from it, the range passed through.
      remote.orElseThrow().proxy(response, file.key(), first, length, e -> unavailable(ctx, e));
      return;
    }
    long from = first;
    long count = length;
    files.hold(path.filmId(), file, ctx.vertx().getOrCreateContext()).onComplete(held -> {
      if (held.failed()) {
        if (held.cause() instanceof OpenFiles.StaleFile) {
          // A new package was renamed into place and the film's change (which reloads the
          // index) is on its way: the old index's headers would not match the new bytes.
          stale(ctx);
        } else {
          missing(ctx, held.cause());
        }
        return;
      }
      sendHeld(ctx, held.result(), from, count);
    });
  }

  /** Sends the held file, corked while head and file go out, and lets go of it after. */
  private static void sendHeld(RoutingContext ctx, OpenFiles.Lease lease, long from, long count) {
    HttpServerResponse response = ctx.response();
    if (response.closed()) {
      // The client left while the file was being opened.
      lease.release();
      return;
    }
    Future<Void> sent;
    try {
      if (ctx.request().version() == HttpVersion.HTTP_2) {
        sent = ChannelPump.send(ctx.vertx().getOrCreateContext(), response, lease.channel(),
            from, count);
      } else {
        // Corked while head and file go out (full packets), uncorked before an error is written.
        sent = SendFileCork.around(ctx.request(),
            () -> response.sendFile(lease.channel(), from, count));
      }
    } catch (RuntimeException e) {
      lease.release();
      throw e;
    }
    sent.onComplete(done -> {
      lease.release();
      if (done.failed()) {
        missing(ctx, done.cause());
      }
    });
  }

  /** The file changed on disk since its package was read (a new transcode landed). */
  private static void stale(RoutingContext ctx) {
    ctx.response().headers().remove(HttpHeaders.CONTENT_RANGE).set("Retry-After", "1");
    error(ctx, 503, "The film's files were just replaced: try again in a moment.");
  }

  /** Segments of a package in a bucket, when delivery is by redirect; manifests stay here. */
  private boolean redirected(PackageIndex.Entry file) {
    return file.path() == null && file.content() == null
        && remote.map(StorageDelivery::redirects).orElse(false);
  }

  /** Remote storage could not open or presign the file. */
  private static void unavailable(RoutingContext ctx, Throwable e) {
    if (StorageDelivery.missing(e)) {
      missing(ctx, e);
      return;
    }
    LOG.warn("{}: object storage failed: {}", ctx.request().path(), e.toString());
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response().headers().remove(HttpHeaders.CONTENT_RANGE);
    error(ctx, 502, "The film's storage did not answer: try again in a moment.");
  }

  /** Whether an Accept-Encoding value admits gzip (a q=0 refuses it). */
  static boolean acceptsGzip(String acceptEncoding) {
    return SegmentAnswer.acceptsGzip(acceptEncoding);
  }

  private static void missing(RoutingContext ctx, Throwable e) {
    if (ctx.response().headWritten()) {
      LOG.debug("sending {} failed mid-way: {}", ctx.request().path(), e.toString());
      ctx.response().reset();
      return;
    }
    error(ctx, 404, "Nothing here: check the address.");
  }

  private static void error(RoutingContext ctx, int status, String sentence) {
    MultiMap headers = ctx.response().headers();
    headers.remove(HttpHeaders.CACHE_CONTROL);
    headers.remove(HttpHeaders.ETAG);
    headers.remove(HttpHeaders.LAST_MODIFIED);
    headers.remove(HttpHeaders.ACCEPT_RANGES);
    Failures.send(ctx, status, new JsonObject().put("error", sentence));
  }
}
