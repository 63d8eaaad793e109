package org.screenroom.server.stream;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corks a file response's TCP socket while its head and file go out, as nginx's
 * {@code tcp_nopush}: with {@code TCP_CORK} set, the kernel sends the response head and the
 * {@code sendfile} bytes in full packets instead of a small packet for the head and odd-sized
 * ones after; clearing it when the file is written pushes out the last partial packet at once.
 * bench/vertx-floor.sh measured a bare Vert.x {@code sendFile} at 0.47x nginx on epoll and
 * 0.72x with cork. Cork left on would hold every later small response on the keep-alive
 * connection for the kernel's 200 ms cork timer, hence per response.
 *
 * <p>Only on Netty's native epoll transport (NIO has no cork), only HTTP/1.x (an HTTP/2 socket
 * carries many streams at once) and only in cleartext (the zero-copy path this was measured on).
 * Everywhere else this does nothing but send.
 *
 * <p>Vert.x has no public way to reach a request's socket options, so this is the one place
 * that uses its internal {@link ConnectionBase#channel()}, as the connection guard does.
 */
public final class SendFileCork {
  private static final Logger LOG = LoggerFactory.getLogger(SendFileCork.class);

  private SendFileCork() {}

  /**
   * Runs {@code send} (which writes the response head and file) with the request's socket
   * corked, and uncorks it on the socket's event loop once the returned future completes,
   * whether it succeeded or failed. Must be called on the request's event loop.
   */
  public static Future<Void> around(HttpServerRequest request, Supplier<Future<Void>> send) {
    EpollSocketChannel socket = corkable(request);
    if (socket == null || !cork(socket, true)) {
      return send.get();
    }
    Future<Void> sent;
    try {
      sent = send.get();
    } catch (RuntimeException e) {
      cork(socket, false);
      throw e;
    }
    // The outcome is handed on from the socket's event loop, after the uncork: the caller's
    // error answer then goes out uncorked and in order, even when the send failed elsewhere.
    Promise<Void> after = Promise.promise();
    sent.onComplete(done -> {
      Runnable uncork = () -> {
        cork(socket, false);
        after.handle(done);
      };
      if (socket.eventLoop().inEventLoop()) {
        uncork.run();
      } else {
        socket.eventLoop().execute(uncork);
      }
    });
    return after.future();
  }

  /** The request's socket when corking applies to it, else null. */
  static EpollSocketChannel corkable(HttpServerRequest request) {
    if (request.version() == HttpVersion.HTTP_2 || request.isSSL()) {
      return null;
    }
    Channel channel = request.connection() instanceof ConnectionBase base ? base.channel() : null;
    return channel instanceof EpollSocketChannel epoll ? epoll : null;
  }

  /**
   * Sets or clears {@code TCP_CORK}; false when the socket is gone (nothing to cork). Also used
   * by {@link FastSegments}, which corks its own responses the same way.
   */
  static boolean cork(EpollSocketChannel socket, boolean on) {
    if (!socket.isOpen()) {
      return false;
    }
    try {
      socket.config().setTcpCork(on);
      return true;
    } catch (RuntimeException e) {
      // The socket closed between the check and the call: nothing is left to send on it.
      LOG.debug("TCP_CORK={} on a closing socket: {}", on, e.toString());
      return false;
    }
  }
}
