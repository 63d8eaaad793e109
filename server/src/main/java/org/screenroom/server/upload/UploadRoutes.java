package org.screenroom.server.upload;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.screenroom.catalog.account.Account;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.upload.Upload;
import org.screenroom.catalog.upload.UploadStore;
import org.screenroom.server.auth.AuthHandler;
import org.screenroom.server.film.FilmPolicy;
import org.screenroom.server.http.ApiError;
import org.screenroom.server.http.Blocking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tus 1.0 at {@code /api/uploads}: creation (with upload), HEAD, PATCH with checksums,
 * termination and expiration. Bodies stream to {@code DATA/uploads/{id}.part}; the offset in the
 * catalog advances only after the bytes before it were forced to disk, so a restarted server
 * resumes exactly. A complete upload is handed to {@link UploadHandover}.
 *
 * <p>Several origins may serve one upload (a load balancer switching between them): the offset
 * and the "one PATCH at a time" guard are in the catalog (a {@linkplain UploadStore#hold hold}
 * on the upload's row, renewed while the body arrives), and the bytes in an uploads directory
 * the origins share. An origin that does not share the directory the upload was created in
 * refuses it (421) rather than start its bytes over in a file of its own.
 */
public final class UploadRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(UploadRoutes.class);
  /** How long an upload lives without receiving a byte. */
  public static final Duration LIFETIME = Duration.ofHours(24);
  private static final String BASE = "/api/uploads/";
  /**
   * How long a request holds an upload without renewing: a holder whose origin died frees the
   * upload after this. Renewed every third of it while the body arrives.
   */
  public static final Duration HOLD = Duration.ofSeconds(30);
  private static final long RENEW_MILLIS = HOLD.toMillis() / 3;

  private final Vertx vertx;
  private final UploadStore uploads;
  private final FilmStore films;
  private final UploadFiles files;
  private final Blocking blocking;
  private final Clock clock;
  private final long maxSize;
  private final long minFreeDisk;
  private final Optional<UploadHandover> handover;
  private final String unavailable;

  /**
   * Creates the routes.
   *
   * @param handover where complete uploads go; empty when ffmpeg is unusable
   * @param unavailable the sentence answered (503) to creations when {@code handover} is empty
   * @param minFreeDisk bytes an upload must leave free on the uploads' disk (else 507)
   */
  public UploadRoutes(Vertx vertx, UploadStore uploads, FilmStore films, UploadFiles files,
      Blocking blocking, Clock clock, long maxSize, Optional<UploadHandover> handover,
      String unavailable, long minFreeDisk) {
    this.minFreeDisk = minFreeDisk;
    this.vertx = vertx;
    this.uploads = uploads;
    this.films = films;
    this.files = files;
    this.blocking = blocking;
    this.clock = clock;
    this.maxSize = maxSize;
    this.handover = handover;
    this.unavailable = unavailable;
  }

  /**
   * Guard for every upload request: holds the body back (the caller lookup that follows is
   * asynchronous; nothing may be read before the upload is known), stamps {@code Tus-Resumable}
   * and checks the client's version (OPTIONS is exempt, as tus says).
   */
  public void guard(RoutingContext ctx) {
    ctx.request().pause();
    ctx.response().putHeader("Tus-Resumable", TusHeaders.VERSION);
    if (ctx.request().method() != HttpMethod.OPTIONS) {
      try {
        TusHeaders.requireVersion(ctx.request().getHeader("Tus-Resumable"));
      } catch (ApiError e) {
        ctx.response().putHeader("Tus-Version", TusHeaders.VERSION);
        throw e;
      }
    }
    ctx.next();
  }

  /**
   * Failure handler for upload requests: discards an unread body so the connection can carry the
   * error, and closes the connection after a 413 (the client may be sending far too much).
   */
  public void failure(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!request.isEnded()) {
      drain(request);
      // HTTP/2 resets just the stream; an HTTP/1.1 connection must close to stop the bytes.
      if (ctx.failure() instanceof ApiError e && e.status() == 413
          && request.version() != io.vertx.core.http.HttpVersion.HTTP_2) {
        ctx.response().putHeader("Connection", "close");
        ctx.addEndHandler(v -> request.connection().close());
      }
    }
    ctx.next();
  }

  /** {@code OPTIONS /api/uploads[/:id]}: what this server supports. */
  public void options(RoutingContext ctx) {
    drain(ctx.request());
    ctx.response().setStatusCode(204)
        .putHeader("Tus-Version", TusHeaders.VERSION)
        .putHeader("Tus-Extension", TusHeaders.EXTENSIONS)
        .putHeader("Tus-Max-Size", Long.toString(maxSize))
        .putHeader("Tus-Checksum-Algorithm", TusHeaders.CHECKSUM_ALGORITHMS)
        .end();
  }

  /** {@code POST /api/uploads}: creates an upload for one of the caller's films (201). */
  public void create(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    HttpServerRequest req = ctx.request();
    long length = TusHeaders.length(req.getHeader("Upload-Length"),
        req.getHeader("Upload-Defer-Length"));
    TusHeaders.Metadata meta = TusHeaders.metadata(req.getHeader("Upload-Metadata"));
    boolean withBody = TusHeaders.isOffsetOctetStream(req.getHeader("Content-Type"));
    Optional<TusHeaders.Checksum> checksum = withBody
        ? TusHeaders.checksum(req.getHeader("Upload-Checksum")) : Optional.empty();
    UploadLimits.requireWithinMax(length, maxSize);
    if (handover.isEmpty()) {
      throw ApiError.of(503, unavailable);
    }
    blocking.run(() -> {
      films.find(meta.filmId()).filter(f -> FilmPolicy.canEdit(f, Optional.of(caller)))
          .orElseThrow(() -> ApiError.notFound("film"));
      UploadLimits.requireDiskSpace(length, files.usableSpace(), minFreeDisk);
      String id = UploadFiles.newId();
      Upload upload = uploads.create(id, meta.filmId(), caller.id(), meta.filename(), length,
          expiry(), files.volume());
      files.create(id);
      return upload;
    }).onFailure(ctx::fail).onSuccess(upload -> {
      LOG.info("upload {} created for film {}: {} bytes", upload.id(), upload.filmId(), length);
      ctx.response().putHeader("Location", BASE + upload.id());
      if (withBody) {
        receive(ctx, upload, 0, checksum, 201);
      } else {
        if (upload.complete()) {
          handover.get().submit(upload);
        }
        answer(ctx, 201, upload.id(), 0, upload.expiresAt());
      }
    });
  }

  /** {@code HEAD /api/uploads/:id}: how many bytes the server holds. */
  public void head(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    blocking.run(() -> {
      Upload upload = owned(id, caller);
      return new Committed(files.trueOffset(upload), upload.expiresAt(), upload.length());
    }).onFailure(ctx::fail).onSuccess(held -> {
      ctx.response().putHeader("Upload-Length", Long.toString(held.length()))
          .putHeader("Cache-Control", "no-store");
      answer(ctx, 200, id, held.offset(), held.expiresAt());
    });
  }

  /** {@code PATCH /api/uploads/:id}: appends the body at {@code Upload-Offset} (204). */
  public void patch(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    HttpServerRequest req = ctx.request();
    if (!TusHeaders.isOffsetOctetStream(req.getHeader("Content-Type"))) {
      throw ApiError.of(415, "Send the bytes as " + TusHeaders.OFFSET_OCTET_STREAM + ".");
    }
    long offset = TusHeaders.offset(req.getHeader("Upload-Offset"));
    Optional<TusHeaders.Checksum> checksum = TusHeaders.checksum(req.getHeader("Upload-Checksum"));
    String id = ctx.pathParam("id");
    blocking.run(() -> {
      Upload upload = owned(id, caller);
      long held = files.trueOffset(upload);
      if (offset != held) {
        throw mismatch(held, offset);
      }
      String declared = req.getHeader("Content-Length");
      if (declared != null && declared.matches("\\d{1,18}")
          && offset + Long.parseLong(declared) > upload.length()) {
        throw overrun(upload);
      }
      return upload;
    }).onFailure(ctx::fail).onSuccess(upload -> receive(ctx, upload, offset, checksum, 204));
  }

  /** {@code DELETE /api/uploads/:id}: termination; the bytes are removed (204). */
  public void terminate(RoutingContext ctx) {
    Account caller = AuthHandler.requireCaller(ctx);
    String id = ctx.pathParam("id");
    blocking.run(() -> {
      owned(id, caller);
      uploads.delete(id);
      files.delete(id);
      return id;
    }).onFailure(ctx::fail).onSuccess(x -> {
      LOG.info("upload {} terminated by its owner", id);
      drain(ctx.request());
      ctx.response().setStatusCode(204).end();
    });
  }

  /**
   * Streams the body at {@code offset}, then makes it durable and answers {@code status}. The
   * upload is held for this request alone, on every origin, from before the file is touched
   * until the outcome is recorded.
   */
  private void receive(RoutingContext ctx, Upload upload, long offset,
      Optional<TusHeaders.Checksum> checksum, int status) {
    String holder = "patch-" + UUID.randomUUID();
    Future<Void> held = blocking.run(() -> {
      hold(upload.id(), holder);
      try {
        // Checked again under the hold: another request may have moved it since.
        Upload now = uploads.find(upload.id()).orElseThrow(() -> ApiError.notFound("upload"));
        long stored = files.trueOffset(now);
        if (stored != offset) {
          throw mismatch(stored, offset);
        }
        // Bytes past the durable offset (a cut-off PATCH before a crash) are not trusted.
        files.truncate(upload.id(), offset);
        return null;
      } catch (java.io.IOException | RuntimeException e) {
        uploads.release(upload.id(), holder);
        throw e;
      }
    });
    held.onFailure(ctx::fail).onSuccess(v -> {
      long renewals = vertx.setPeriodic(RENEW_MILLIS, t -> renew(ctx, upload.id(), holder));
      continueIfExpected(ctx.request());
      ChunkReceiver.receive(ctx.request(), vertx.getOrCreateContext(), files.part(upload.id()),
              offset, upload.length() - offset, checksum.map(TusHeaders.Checksum::algorithm))
          .compose(r -> commit(upload, holder, offset, checksum, r))
          .eventually(() -> {
            vertx.cancelTimer(renewals);
            return blocking.run(() -> {
              uploads.release(upload.id(), holder);
              return null;
            });
          })
          .onFailure(ctx::fail)
          .onSuccess(end -> {
            // Only the request that brought the last byte hands over (an empty PATCH at the end
            // must not hand it over twice).
            if (end.offset() == upload.length() && end.offset() > offset) {
              // The bench's timeline reads this line: bytes in, the handover (probe, move) next.
              LOG.info("upload {} for film {} complete: {} bytes", upload.id(), upload.filmId(),
                  upload.length());
              handover.ifPresent(h -> h.submit(upload));
            }
            if (!ctx.response().closed() && !ctx.response().ended()) {
              answer(ctx, status, upload.id(), end.offset(), end.expiresAt());
            }
          });
    });
  }

  /** Takes the upload for {@code holder}, or refuses: another request is receiving its bytes. */
  private void hold(String id, String holder) {
    if (!uploads.hold(id, holder, clock.instant().plus(HOLD))) {
      if (uploads.find(id).isEmpty()) {
        throw ApiError.notFound("upload");
      }
      throw ApiError.of(423, "This upload is receiving bytes in another request: wait for it "
          + "to finish, then ask for the offset again.");
    }
  }

  /**
   * Extends the request's hold. A hold that could not be extended (it ran out while the catalog
   * was unreachable, and another request may have taken the upload) stops the body at once, so
   * this request writes nothing more; its commit then changes nothing.
   */
  private void renew(RoutingContext ctx, String id, String holder) {
    blocking.run(() -> uploads.renew(id, holder, clock.instant().plus(HOLD)))
        .onComplete(ar -> {
          if (ar.failed() || !ar.result()) {
            LOG.warn("upload {}: the hold on it was lost mid-body; stopping this request", id,
                ar.cause());
            HttpServerRequest request = ctx.request();
            if (!request.isEnded()) {
              // HTTP/2 resets just this stream; an HTTP/1.1 connection must close to stop it.
              if (request.version() == io.vertx.core.http.HttpVersion.HTTP_2) {
                ctx.response().reset();
              } else {
                request.connection().close();
              }
            }
          }
        });
  }

  private static ApiError mismatch(long held, long offset) {
    return ApiError.of(409, "The server holds " + held + " bytes of this upload, not " + offset
        + ": send the bytes from offset " + held + ".");
  }

  /**
   * Answers {@code 100 Continue} to a client that waits for it before sending the body (curl
   * and many HTTP libraries do for large bodies), now that the body is wanted: it was held back
   * until the offset was checked, so a 409 or 404 costs no bytes. Without it such a client
   * sends only after its own timeout (curl: one second).
   */
  private static void continueIfExpected(HttpServerRequest request) {
    if (!request.isEnded() && TusHeaders.expectsContinue(request.getHeader("Expect"))) {
      request.response().writeContinue();
    }
  }

  /** The bytes held after a request, the upload's expiry and its announced length. */
  private record Committed(long offset, Instant expiresAt, long length) {}

  /**
   * Makes what arrived durable, or discards it: a checksum mismatch, a body cut off while a
   * checksum was asked for (it cannot be verified) or an overrun leave the offset where it was.
   */
  private Future<Committed> commit(Upload upload, String holder, long offset,
      Optional<TusHeaders.Checksum> checksum, ChunkReceiver.Received r) {
    boolean verified = checksum.isEmpty() || r.ended()
        && java.security.MessageDigest.isEqual(checksum.get().expected(), r.digest().orElseThrow());
    boolean keep = !r.overrun() && verified;
    return blocking.run(() -> {
      // Whatever happens to the file below happens only while this request still holds the
      // upload: a request that lost its hold must not cut back or count another's bytes.
      if (!uploads.renew(upload.id(), holder, clock.instant().plus(HOLD))) {
        throw lostHold(upload.id());
      }
      if (!keep) {
        truncateIfPresent(upload.id(), offset);
      } else {
        try {
          files.force(upload.id());
        } catch (java.nio.file.NoSuchFileException e) {
          throw ApiError.notFound("upload"); // terminated while its bytes were arriving
        }
        Instant expires = expiry();
        if (r.bytes() > 0 && !uploads.advance(upload.id(), holder, offset + r.bytes(), expires)) {
          throw lostHold(upload.id());
        }
        return new Committed(offset + r.bytes(), r.bytes() > 0 ? expires : upload.expiresAt(),
            upload.length());
      }
      if (r.overrun()) {
        throw overrun(upload);
      }
      throw ApiError.of(460, "The bytes did not match their Upload-Checksum and were discarded: "
          + "send them again from offset " + offset + ".");
    });
  }

  /**
   * The failure of a request that no longer holds its upload: gone (terminated or expired
   * meanwhile; its file goes too), or taken by another request after this one's hold ran out
   * (the file is that request's now and is left alone).
   */
  private ApiError lostHold(String id) throws java.io.IOException {
    if (uploads.find(id).isEmpty()) {
      files.delete(id);
      return ApiError.notFound("upload");
    }
    return ApiError.of(409, "This request's bytes were not kept: the upload was taken over by "
        + "another request meanwhile. Ask for the offset again.");
  }

  private void truncateIfPresent(String id, long offset) throws java.io.IOException {
    try {
      files.truncate(id, offset);
    } catch (java.nio.file.NoSuchFileException e) {
      throw ApiError.notFound("upload"); // terminated while its bytes were arriving
    }
  }

  /**
   * Lets the rest of a paused request through, discarded, so that a keep-alive connection moves
   * on to its next request once this one is answered.
   */
  private static void drain(HttpServerRequest request) {
    if (!request.isEnded()) {
      request.handler(b -> { });
      request.resume();
    }
  }

  private static ApiError overrun(Upload upload) {
    return ApiError.of(413, "These bytes go past the " + upload.length()
        + " bytes announced in Upload-Length; they were discarded.");
  }

  private Upload owned(String id, Account caller) throws java.io.IOException {
    if (!UploadFiles.isValidId(id)) {
      throw ApiError.notFound("upload");
    }
    Upload upload = uploads.find(id)
        .filter(u -> caller.isAdmin() || u.ownerId().equals(caller.id()))
        .orElseThrow(() -> ApiError.notFound("upload"));
    if (upload.volume().isPresent() && !upload.volume().get().equals(files.volume())) {
      throw ApiError.of(421, "This upload's bytes are on another server, whose uploads directory "
          + "this server does not share. The administrator must share DATA/uploads between the "
          + "servers, or route each uploader to one server; until then, start the upload again.");
    }
    return upload;
  }

  private Instant expiry() {
    return clock.instant().plus(LIFETIME);
  }

  private static void answer(RoutingContext ctx, int status, String id, long offset,
      Instant expires) {
    drain(ctx.request());
    HttpServerResponse response = ctx.response();
    response.setStatusCode(status)
        .putHeader("Upload-Offset", Long.toString(offset))
        .putHeader("Upload-Expires", TusHeaders.httpDate(expires))
        .end();
  }
}
