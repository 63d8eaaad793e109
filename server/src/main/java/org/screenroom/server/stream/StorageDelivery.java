package org.screenroom.server.stream;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;
import org.screenroom.server.storage.Storage;
import org.screenroom.server.storage.StorageSettings.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends package files kept in remote storage to viewers, by configuration: streamed through
 * Screenroom ({@link Delivery#PROXY}: the object is opened and read on a worker executor, each
 * chunk written only when the response can take it, so a slow viewer slows the read rather than
 * filling memory), or a 302 to a presigned URL ({@link Delivery#REDIRECT}) that expires with the
 * playback token, at most {@link #MAX_REDIRECT_LIFE} from now.
 */
public final class StorageDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(StorageDelivery.class);
  /** Bytes read from the bucket per worker task and written per response write. */
  static final int CHUNK = 64 * 1024;
  /** A presigned URL outlives neither the token nor this: a leaked URL is soon useless. */
  static final Duration MAX_REDIRECT_LIFE = Duration.ofMinutes(10);

  private final Storage storage;
  private final Delivery mode;
  private final WorkerExecutor workers;
  private final Clock clock;

  /**
   * Creates the delivery.
   *
   * @param workers runs the blocking storage calls (never the event loop)
   */
  public StorageDelivery(Storage storage, Delivery mode, WorkerExecutor workers, Clock clock) {
    this.storage = storage;
    this.mode = mode;
    this.workers = workers;
    this.clock = clock;
  }

  /** Whether segments are answered with a redirect rather than streamed. */
  public boolean redirects() {
    return mode == Delivery.REDIRECT;
  }

  /** How long a presigned URL for a token expiring at {@code tokenExpiry} lives; pure. */
  static Duration redirectLife(Instant now, Instant tokenExpiry) {
    Duration left = Duration.between(now, tokenExpiry);
    if (left.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return left.compareTo(MAX_REDIRECT_LIFE) > 0 ? MAX_REDIRECT_LIFE : left;
  }

  /**
   * Answers 302 to a presigned URL for {@code key}.
   *
   * @param failed told when no URL could be made (the response is untouched)
   */
  public void redirect(HttpServerResponse response, String key, Instant tokenExpiry,
      Consumer<Throwable> failed) {
    Duration life = redirectLife(clock.instant(), tokenExpiry);
    // Presigning may ask the credential chain (instance metadata) the first time: a worker's job.
    workers.executeBlocking(() -> storage.presign(key, life)
            .orElseThrow(() -> new IllegalStateException(storage.describe() + " cannot presign")),
            /* ordered= */ false)
        .onFailure(failed::accept)
        .onSuccess((URI url) -> response.setStatusCode(302)
            .putHeader(HttpHeaders.LOCATION, url.toString())
            // The URL expires: neither the browser nor a CDN may keep the redirect.
            .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
            .end());
  }

  /**
   * Streams {@code length} bytes of {@code key} from byte {@code first} (the range goes to the
   * bucket as is), headers already set by the caller.
   *
   * @param failed told when the object cannot be opened (nothing was written yet)
   */
  public void proxy(HttpServerResponse response, String key, long first, long length,
      Consumer<Throwable> failed) {
    workers.executeBlocking(() -> storage.open(key, first, length), /* ordered= */ false)
        .onFailure(failed::accept)
        .onSuccess(in -> {
          response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
          new Pipe(in, response, key).next();
        });
  }

  /** Whether a failure means the object is gone (404) rather than storage failing (502). */
  public static boolean missing(Throwable e) {
    return e instanceof NoSuchFileException;
  }

  /** One object copied to one response, a chunk at a time, never faster than it drains. */
  private final class Pipe {
    private final InputStream in;
    private final HttpServerResponse response;
    private final String key;
    private volatile boolean gone;

    Pipe(InputStream in, HttpServerResponse response, String key) {
      this.in = in;
      this.response = response;
      this.key = key;
      response.closeHandler(v -> {
        gone = true;
        release();
      });
    }

    void next() {
      if (gone) {
        return;
      }
      workers.executeBlocking(this::read, /* ordered= */ false).onComplete(ar -> {
        if (gone) {
          // The viewer left while the chunk was read; the stream is already released.
          return;
        }
        if (ar.failed()) {
          LOG.debug("reading {} from {} failed mid-way: {}", key, storage.describe(),
              ar.cause().toString());
          release();
          response.reset();
          return;
        }
        Buffer chunk = ar.result();
        if (chunk == null) {
          release();
          response.end();
          return;
        }
        response.write(chunk);
        if (response.writeQueueFull()) {
          response.drainHandler(v -> next());
        } else {
          next();
        }
      });
    }

    private Buffer read() throws IOException {
      byte[] buf = new byte[CHUNK];
      int n = in.readNBytes(buf, 0, CHUNK);
      return n == 0 ? null : Buffer.buffer(n == CHUNK ? buf : Arrays.copyOf(buf, n));
    }

    /** Closes the object's stream on a worker (closing may talk to the bucket). */
    private void release() {
      workers.executeBlocking(() -> {
        in.close();
        return null;
      }, /* ordered= */ false).onFailure(e -> LOG.debug("closing {} failed: {}", key, e.toString()));
    }
  }
}
