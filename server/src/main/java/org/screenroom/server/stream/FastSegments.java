package org.screenroom.server.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.screenroom.server.http.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common segment request answered below Vert.x, as nginx would: a Netty handler in each
 * cleartext HTTP/1.1 connection's pipeline, between the HTTP codec and Vert.x's connection
 * handler. bench/netty-floor.sh measured bare Netty writing a head and a file region at 0.95x
 * nginx where Vert.x's response path (request and response objects, header multimaps, its
 * router) reached 0.79x, so a {@code GET /play/...} that is certain to be a plain 200 or 206 of
 * a file already held open is written here: head, {@link DefaultFileRegion} over the held
 * channel (zero-copy {@code sendfile}), last content, corked as {@link SendFileCork} does.
 *
 * <p>Everything else goes to Vert.x unchanged, the request and its content, so every error and
 * edge case keeps its one answer there: HEAD, HTTP/1.0, {@code Connection: close}, upgrades,
 * bodies, a token that is not valid now (expired, forged, unknown key: Vert.x's route re-reads
 * the keys), screener tokens (their pass is checked by {@code ScreenerGate}), a film or file not
 * in memory, manifests (from memory, perhaps gzipped), remote storage, 304, 416, and any file not
 * open yet (Vert.x's path opens it on a worker; the next request is fast). What to answer is
 * decided by {@link SegmentAnswer}, as on Vert.x's path.
 *
 * <p>Order on a kept-alive connection: while a request handed to Vert.x has no final response
 * written yet (seen here as it passes to the encoder), or a response of this handler is still
 * going out, later requests go to Vert.x too, which answers them in order after it.
 *
 * <p>Metrics: each answer is counted in Vert.x's own HTTP server meters (requests, response
 * time, request and response bytes, with the route template {@code /play/.*}; bytes written),
 * so
 * {@code /metrics} reads as if Vert.x had answered; {@code screenroom_fast_segments} counts them.
 */
public final class FastSegments {
  private static final Logger LOG = LoggerFactory.getLogger(FastSegments.class);
  /** Vert.x's name for its connection handler, the last handler of the pipeline. */
  static final String VERTX_HANDLER = "handler";
  static final String NAME = "screenroomFastSegments";
  /** The route template Vert.x's metrics name {@code /play/} requests by. */
  static final String ROUTE = "/play/.*";
  private static final String PREFIX = "/play/";
  private static final String SCREENER = ".s-";
  private static final AsciiString CORS = AsciiString.cached("Access-Control-Allow-Origin");
  private static final AsciiString ANY = AsciiString.cached("*");
  private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
      .withValidation(false);

  private final TokenSigner signer;
  private final FilmAccessCache access;
  private final OpenFiles files;
  private final ClientAddress clients;
  private final LongAdder served = new LongAdder();
  private final Meters ok;
  private final Meters partial;
  private final Counter bytesWritten;

  /** Vert.x's HTTP server meters for one status of {@code GET /play/.*}. */
  private record Meters(Counter requests, Timer time, DistributionSummary requestBytes,
      DistributionSummary responseBytes) {
    static Meters of(MeterRegistry registry, int status) {
      String code = Integer.toString(status);
      return new Meters(
          Counter.builder("vertx.http.server.requests")
              .tags("code", code, "method", "GET", "route", ROUTE).register(registry),
          Timer.builder("vertx.http.server.response.time")
              .tags("code", code, "method", "GET", "route", ROUTE).register(registry),
          DistributionSummary.builder("vertx.http.server.request.bytes")
              .tags("method", "GET").register(registry),
          DistributionSummary.builder("vertx.http.server.response.bytes")
              .tags("code", code, "method", "GET", "route", ROUTE).register(registry));
    }

    void record(long nanos, long bytes) {
      requests.increment();
      time.record(nanos, TimeUnit.NANOSECONDS);
      requestBytes.record(0);
      responseBytes.record(bytes);
    }
  }

  /**
   * Creates the fast path over the hot path's parts (the same instances Vert.x's route uses).
   *
   * @param clients resolves the client address behind trusted proxies, as the router does
   * @param registry the registry Vert.x's HTTP server meters are in
   */
  public FastSegments(TokenSigner signer, FilmAccessCache access, OpenFiles files,
      ClientAddress clients, MeterRegistry registry) {
    this.signer = signer;
    this.access = access;
    this.files = files;
    this.clients = clients;
    this.ok = Meters.of(registry, 200);
    this.partial = Meters.of(registry, 206);
    // Vert.x's count of body bytes its HTTP connections wrote (file regions included).
    this.bytesWritten = Counter.builder("vertx.http.server.bytes.written").register(registry);
    FunctionCounter.builder("screenroom_fast_segments", served, LongAdder::sum)
        .description("Segment responses written below Vert.x (the fast path)")
        .register(registry);
  }

  /**
   * Puts the handler into a cleartext HTTP/1.x connection's pipeline, just before Vert.x's
   * connection handler (after the codec, the idle timer and the header deadline); does nothing
   * to any other pipeline.
   *
   * @return whether it was installed
   */
  public boolean install(ChannelPipeline pipeline) {
    if (pipeline.get("httpDecoder") == null || pipeline.get(VERTX_HANDLER) == null
        || pipeline.get("ssl") != null) {
      return false;
    }
    pipeline.addBefore(VERTX_HANDLER, NAME, new Connection());
    return true;
  }

  /** Responses written by the fast path since start. */
  public long served() {
    return served.sum();
  }

  /** One connection's handler: its state is the connection's, on its event loop. */
  private final class Connection extends ChannelDuplexHandler {
    /** Requests handed to Vert.x whose final response has not passed here yet. */
    private int toVertx;
    /** Whether a response of this handler is still being written. */
    private boolean writing;
    /** Whether the content of a request answered here is still arriving (to be dropped). */
    private boolean dropping;
    private String peer;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof HttpRequest request) {
        if (toVertx == 0 && !writing && serve(ctx, request)) {
          dropping = !(msg instanceof LastHttpContent);
          ReferenceCountUtil.release(msg);
          return;
        }
        toVertx++;
        dropping = false;
        ctx.fireChannelRead(msg);
        return;
      }
      if (dropping && msg instanceof HttpContent) {
        dropping = !(msg instanceof LastHttpContent);
        ReferenceCountUtil.release(msg);
        return;
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      // Vert.x's final response to one of its requests ends with a last content (a full
      // response is one too); an interim 100 Continue is not the end of anything.
      if (msg instanceof LastHttpContent && toVertx > 0 && !(msg instanceof HttpResponse r
          && r.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
        toVertx--;
      }
      ctx.write(msg, promise);
    }

    /** Writes the answer when the request is certain to be a plain 200 or 206 of a held file. */
    private boolean serve(ChannelHandlerContext ctx, HttpRequest request) {
      long start = System.nanoTime();
      String uri = request.uri();
      if (request.method() != HttpMethod.GET || request.protocolVersion() != HttpVersion.HTTP_1_1
          || !uri.startsWith(PREFIX) || !request.decoderResult().isSuccess()) {
        return false;
      }
      HttpHeaders in = request.headers();
      if (!HttpUtil.isKeepAlive(request) || in.contains(HttpHeaderNames.UPGRADE)
          || in.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
          || in.contains(HttpHeaderNames.EXPECT) || in.contains(HttpHeaderNames.TRANSFER_ENCODING)
          || (in.contains(HttpHeaderNames.CONTENT_LENGTH)
              && !"0".equals(in.get(HttpHeaderNames.CONTENT_LENGTH)))
          || uri.indexOf('#') >= 0) {
        return false;
      }
      int query = uri.indexOf('?');
      String raw = query < 0 ? uri : uri.substring(0, query);
      // Manifests and captions are served from memory, perhaps gzipped: Vert.x's, at once.
      if (raw.endsWith(".m3u8") || raw.endsWith(".mpd") || raw.endsWith(".vtt")) {
        return false;
      }
      PlaybackPath path = PlaybackPath.parse(raw).orElse(null);
      if (path == null || path.token().contains(SCREENER)) {
        return false;
      }
      // The cheap checks first: a request that goes to Vert.x after all pays no HMAC here.
      FilmAccess film = access.peek(path.filmId());
      PackageIndex.Entry file = film == null ? null : film.file(path).orElse(null);
      if (file == null || file.path() == null || file.content() != null) {
        return false;
      }
      SegmentAnswer answer = SegmentAnswer.of(path, file, in.get(HttpHeaderNames.IF_NONE_MATCH),
          in.get(HttpHeaderNames.IF_MODIFIED_SINCE), in.get(HttpHeaderNames.RANGE),
          in.get(HttpHeaderNames.IF_RANGE), in.get(HttpHeaderNames.ACCEPT_ENCODING));
      if (answer.kind() != SegmentAnswer.Kind.BODY || answer.gzip()) {
        return false;
      }
      String client = peer(ctx);
      if (clients.trusted().any() && clients.trusted().trusts(client)) {
        client = clients.resolve(client, in.getAll(clients.trusted().header().wire()));
      }
      if (signer.check(path.token(), path.filmId(), client) != TokenCheck.VALID) {
        return false;
      }
      OpenFiles.Lease lease = files.peek(path.filmId(), file);
      if (lease == null) {
        return false;
      }
      access.peeked();
      send(ctx, answer, lease, start);
      return true;
    }

    private void send(ChannelHandlerContext ctx, SegmentAnswer answer, OpenFiles.Lease lease,
        long start) {
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
          answer.partial() ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK, HEADERS);
      HttpHeaders out = head.headers();
      // As Vert.x's path sends them: CORS first, the answer's, the length last.
      out.add(CORS, ANY);
      for (SegmentAnswer.Header h : answer.headers()) {
        out.add(h.name(), h.value());
      }
      out.add(HttpHeaderNames.CONTENT_LENGTH, Long.toString(answer.length()));
      EpollSocketChannel cork = ctx.channel() instanceof EpollSocketChannel epoll
          && SendFileCork.cork(epoll, true) ? epoll : null;
      writing = true;
      ctx.write(head);
      if (answer.length() > 0) {
        // Released (the lease let go) when written or dropped, never closing the held file.
        ctx.write(new HeldRegion(lease, answer.first(), answer.length()));
      } else {
        lease.release();
      }
      ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      served.increment();
      done.addListener(f -> {
        writing = false;
        if (cork != null) {
          SendFileCork.cork(cork, false);
        }
        if (f.isSuccess()) {
          (answer.partial() ? partial : ok).record(System.nanoTime() - start, answer.length());
          bytesWritten.increment(answer.length());
        } else {
          LOG.debug("a segment response was cut off: {}", f.cause().toString());
        }
      });
    }

    /** The socket's peer address as Vert.x reports it ({@code "unknown"} without one). */
    private String peer(ChannelHandlerContext ctx) {
      if (peer == null) {
        String host = ctx.channel().remoteAddress() instanceof InetSocketAddress inet
            ? SocketAddress.inetSocketAddress(inet).hostAddress() : null;
        peer = host == null ? "unknown" : host;
      }
      return peer;
    }
  }

  /**
   * A file region over a held file: Netty's own {@link DefaultFileRegion} (so epoll sends it
   * with {@code sendfile}), whose deallocation lets go of the lease instead of closing the
   * channel, which {@link OpenFiles} owns and other sends share.
   */
  static final class HeldRegion extends DefaultFileRegion {
    private final OpenFiles.Lease lease;

    HeldRegion(OpenFiles.Lease lease, long position, long count) {
      super(lease.channel(), position, count);
      this.lease = lease;
    }

    @Override
    protected void deallocate() {
      lease.release();
    }
  }
}
