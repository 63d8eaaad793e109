package org.screenroom.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drops an HTTP/1 connection whose request head (request line and headers) has not fully arrived
 * within a deadline, counted from the connection's start or, on a kept-alive connection, from the
 * next request's first byte (the idle time between requests is the idle timeout's business). This is what defeats slowloris: a client trickling one header byte
 * every few seconds never trips Vert.x's idle timeout, but it trips this. (Netty has no header
 * timeout of its own; Vert.x's idle timeout covers silent connections.)
 *
 * <p>Two small handlers share one deadline: one before the HTTP decoder sees raw bytes arrive,
 * one after it sees a request head decoded. Everything runs on the connection's event loop.
 */
final class HeaderDeadline {
  /** Vert.x's name for the HTTP/1 request decoder in the pipeline. */
  static final String DECODER = "httpDecoder";

  private final long timeoutNanos;
  private final Runnable onTimeout;
  private ScheduledFuture<?> timer;
  /** Whether a request head has been decoded and its body is still to come. */
  private boolean inRequest;

  private HeaderDeadline(Duration timeout, Runnable onTimeout) {
    this.timeoutNanos = timeout.toNanos();
    this.onTimeout = onTimeout;
  }

  /**
   * Installs a deadline on an HTTP/1 pipeline; does nothing on other pipelines (HTTP/2 streams
   * are guarded by its own settings and the TLS handshake timeout).
   *
   * @param onTimeout told when a connection is dropped (metrics)
   * @return whether the deadline was installed
   */
  static boolean install(ChannelPipeline pipeline, Duration timeout, Runnable onTimeout) {
    if (pipeline.get(DECODER) == null) {
      return false;
    }
    HeaderDeadline deadline = new HeaderDeadline(timeout, onTimeout);
    pipeline.addBefore(DECODER, "screenroomHeaderBytes", deadline.new BytesIn());
    pipeline.addAfter(DECODER, "screenroomHeaderDone", deadline.new HeadIn());
    // Installed as the connection opens: a client that sends nothing is dropped too.
    deadline.arm(pipeline.context("screenroomHeaderBytes"));
    return true;
  }

  private void arm(ChannelHandlerContext ctx) {
    if (timer == null) {
      timer = ctx.executor().schedule(() -> {
        timer = null;
        onTimeout.run();
        ctx.channel().close();
      }, timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void disarm() {
    if (timer != null) {
      timer.cancel(/* mayInterruptIfRunning= */ false);
      timer = null;
    }
  }

  /** Sees raw bytes: the first byte of a new request head starts its clock. */
  private final class BytesIn extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (!inRequest && msg instanceof ByteBuf buf && buf.isReadable()) {
        arm(ctx);
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      disarm();
      super.channelInactive(ctx);
    }

    @Override
    public boolean isSharable() {
      return false;
    }
  }

  /** Sees decoded messages: a whole request head stops the clock, its end re-opens it. */
  private final class HeadIn extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof HttpRequest) {
        disarm();
        inRequest = true;
      }
      if (msg instanceof LastHttpContent) {
        inRequest = false;
      }
      super.channelRead(ctx, msg);
    }
  }
}
