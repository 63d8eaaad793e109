package org.screenroom.server.ingest.url;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.screenroom.server.http.Blocking;

/**
 * Streams an http(s) body to a file, following a bounded number of redirects.
 *
 * <p>Vert.x's own HttpClient, not java.net.http on a worker: a download of a 150 GB master can
 * take hours, and here it holds no thread, only a socket left unread while the disk catches up
 * (its reads stopped and started against the file's write queue keep memory flat), and its
 * connect and idle timeouts are per request. Runs on the calling event loop; the only blocking
 * calls (creating the directory, asking the disk for free space) go to the worker pool.
 */
public final class UrlFetcher {
  private final HttpClientAgent client;
  private final Vertx vertx;
  private final Blocking blocking;
  private final UrlFetchSettings settings;
  private final long maxBytes;

  /** The downloaded file and the name the address gave it. */
  public record Fetched(Path file, String filename) {}

  /** Creates the fetcher; {@code maxBytes} is the configured upload limit. */
  public UrlFetcher(Vertx vertx, Blocking blocking, UrlFetchSettings settings, long maxBytes) {
    this.vertx = vertx;
    this.blocking = blocking;
    this.settings = settings;
    this.maxBytes = maxBytes;
    // One connection per request: redirects usually cross hosts, and a reset connection
    // (refused body, aborted download) must never go back to a pool.
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setKeepAlive(false)
        .setForceSni(true)
        .setDecompressionSupported(false)
        .setConnectTimeout((int) settings.connectTimeout().toMillis()));
  }

  /**
   * Downloads {@code url} into {@code dir} (created; on the data directory's file system).
   *
   * @return the file, or a failed future carrying a {@link FetchFailure} sentence
   */
  public Future<Fetched> fetch(URI url, Path dir) {
    Promise<Fetched> done = Promise.promise();
    blocking.run(() -> {
      Files.createDirectories(dir);
      return Files.getFileStore(dir).getUsableSpace();
    }).onFailure(e -> done.tryFail(new FetchFailure("The server cannot store downloads right now ("
            + e.getMessage() + "): ask the administrator to check the data directory.")))
        .onSuccess(usable -> {
          Set<URI> visited = new LinkedHashSet<>();
          visited.add(url);
          request(url, visited, new Target(dir, usable), done);
        });
    return done.future();
  }

  /** Where the body goes and how much room there was before it started. */
  private record Target(Path dir, long usable) {}

  private void request(URI url, Set<URI> visited, Target target, Promise<Fetched> done) {
    // Resolved here (on a worker) and connected to the very address checked, so a name that
    // resolves differently a moment later (DNS rebinding) cannot slip past the check.
    blocking.run(() -> checkedAddress(url))
        .onFailure(e -> done.tryFail(e instanceof FetchFailure ? e : failure(url, e)))
        .onSuccess(address -> request(url, address, visited, target, done));
  }

  private InetAddress checkedAddress(URI url) throws java.net.UnknownHostException {
    InetAddress[] addresses = InetAddress.getAllByName(url.getHost());
    if (!settings.allowInternal()) {
      for (InetAddress a : addresses) {
        if (InternalAddresses.isInternal(a)) {
          throw new FetchFailure("The address " + url.getHost() + " points inside the server's "
              + "own network, which Screenroom does not fetch from: use a public link, or upload "
              + "the file instead.");
        }
      }
    }
    return addresses[0];
  }

  private void request(URI url, InetAddress address, Set<URI> visited, Target target,
      Promise<Fetched> done) {
    int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(url.toString())
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setConnectTimeout(settings.connectTimeout().toMillis())
        .setIdleTimeout(settings.idleTimeout().toMillis())
        .setFollowRedirects(false)
        .putHeader("Accept-Encoding", "identity")
        .putHeader("User-Agent", "Screenroom URL ingest");
    client.request(options)
        .onFailure(e -> done.tryFail(failure(url, e)))
        .onSuccess(req -> req.send()
            .onFailure(e -> done.tryFail(failure(url, e)))
            .onSuccess(resp -> respond(url, visited, target, req, resp, done)));
  }

  private void respond(URI url, Set<URI> visited, Target target, HttpClientRequest req,
      HttpClientResponse resp, Promise<Fetched> done) {
    int status = resp.statusCode();
    try {
      if (Hops.isRedirect(status)) {
        drop(req, resp);
        URI next = Hops.next(url, resp.getHeader("Location"), visited, settings.maxRedirects());
        visited.add(next);
        request(next, visited, target, done);
        return;
      }
      if (status / 100 != 2) {
        throw new FetchFailure(FetchSentences.status(status, resp.statusMessage()));
      }
      Long announced = contentLength(resp.getHeader("Content-Length"));
      if (announced != null && announced > maxBytes) {
        // Refused before a byte of the body is read.
        throw new FetchFailure(FetchSentences.tooLarge(maxBytes, announced));
      }
      if (announced != null && announced + settings.diskReserve() > target.usable()) {
        throw new FetchFailure(FetchSentences.diskFull(target.usable(), announced));
      }
      if (announced == null && settings.diskReserve() > target.usable()) {
        throw new FetchFailure(FetchSentences.diskFull(target.usable(), null));
      }
      Path file = target.dir().resolve(Hops.filename(url));
      BodyCopy copy = new BodyCopy(url.getHost(), req, resp, announced, done,
          new Fetched(file, Hops.filename(url)));
      // Handlers first, then the file: not a byte of the body may go by unseen meanwhile.
      copy.start();
      vertx.fileSystem().open(file.toString(), new OpenOptions().setCreateNew(true).setWrite(true))
          .onComplete(copy::opened);
    } catch (FetchFailure f) {
      drop(req, resp);
      done.tryFail(f);
    }
  }

  /** Closes an exchange whose body is not wanted (a redirect, an error page, a refused size). */
  private static void drop(HttpClientRequest req, HttpClientResponse resp) {
    if (resp.end().isComplete()) {
      return; // a body-less answer (most redirects): the connection closes by itself
    }
    // The outcome is decided; the reset this causes on the response is expected, not an error.
    resp.exceptionHandler(expected -> { });
    req.reset();
  }

  /**
   * Copies one response body to a file with backpressure, counting against the limit. The
   * socket's reads are stopped while the file opens and whenever the file's write queue is full
   * ({@link SocketReads}, not Vert.x's pause, which loses a body whose connection closes while
   * paused); the chunks that still arrive are kept until the file is open, or written.
   */
  private final class BodyCopy {
    private final String host;
    private final HttpClientRequest req;
    private final HttpClientResponse resp;
    private final Long announced;
    private final Promise<Fetched> done;
    private final Fetched fetched;
    private final SocketReads reads;
    /** Null until the file is open. */
    private AsyncFile out;
    /** Chunks that arrived while the file was opening. */
    private List<Buffer> early = new ArrayList<>();
    private long received;
    private boolean ended;
    private boolean stopped;
    /** Why the copy stopped before the file was open: told once it is open and closed. */
    private FetchFailure failure;

    BodyCopy(String host, HttpClientRequest req, HttpClientResponse resp, Long announced,
        Promise<Fetched> done, Fetched fetched) {
      this.host = host;
      this.req = req;
      this.resp = resp;
      this.announced = announced;
      this.done = done;
      this.fetched = fetched;
      this.reads = SocketReads.of(req, resp);
    }

    void start() {
      reads.stop();
      resp.handler(this::chunk);
      resp.exceptionHandler(this::broke);
      resp.endHandler(v -> {
        ended = true;
        if (out != null) {
          finish();
        }
      });
    }

    /** The file is open (or could not be): write what came meanwhile and read on. */
    void opened(AsyncResult<AsyncFile> file) {
      if (file.failed()) {
        if (!stopped) {
          stopped = true;
          drop(req, resp);
          failure = new FetchFailure("The server cannot store the download ("
              + file.cause().getMessage()
              + "): ask the administrator to check the data directory.");
        }
        done.tryFail(failure);
        return;
      }
      out = file.result();
      if (stopped) {
        // The caller deletes the partial file once this future fails.
        out.close().onComplete(ignored -> done.tryFail(failure));
        return;
      }
      List<Buffer> waiting = early;
      early = null;
      waiting.forEach(this::write);
      if (ended) {
        finish();
      } else if (!out.writeQueueFull()) {
        reads.start();
      }
    }

    private void chunk(Buffer chunk) {
      if (stopped) {
        return;
      }
      received += chunk.length();
      if (received > maxBytes) {
        abort(new FetchFailure(FetchSentences.tooLarge(maxBytes, null)));
      } else if (out == null) {
        early.add(chunk);
      } else {
        write(chunk);
      }
    }

    private void write(Buffer chunk) {
      out.write(chunk).onFailure(e -> abort(new FetchFailure(
          "The server could not write the download (" + e.getMessage()
              + "): its disk may be full; ask the administrator, then try again.")));
      if (out.writeQueueFull()) {
        reads.stop();
        out.drainHandler(v -> reads.start());
      }
    }

    private void broke(Throwable e) {
      abort(new FetchFailure(FetchSentences.transport(host, e, settings.connectTimeout(),
          settings.idleTimeout())));
    }

    private void finish() {
      if (stopped) {
        return;
      }
      stopped = true;
      out.close().onComplete(closed -> {
        if (closed.failed()) {
          done.tryFail(new FetchFailure("The server could not finish writing the download ("
              + closed.cause().getMessage() + "): its disk may be full; try again."));
        } else if (announced != null && received != announced) {
          done.tryFail(new FetchFailure(FetchSentences.cutShort(received, announced)));
        } else {
          done.tryComplete(fetched);
        }
      });
    }

    private void abort(FetchFailure why) {
      if (stopped) {
        return;
      }
      stopped = true;
      failure = why;
      drop(req, resp);
      if (out != null) {
        // The caller deletes the partial file once this future fails.
        out.close().onComplete(ignored -> done.tryFail(why));
      }
      // else: opened() closes the file when it is open, then fails.
    }
  }

  private FetchFailure failure(URI url, Throwable e) {
    return e instanceof FetchFailure f ? f : new FetchFailure(FetchSentences.transport(url.getHost(),
        e, settings.connectTimeout(), settings.idleTimeout()));
  }

  private static Long contentLength(String header) {
    if (header == null) {
      return null;
    }
    try {
      long n = Long.parseLong(header.strip());
      return n >= 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Closes the client. */
  public Future<Void> close() {
    return client.close();
  }
}
