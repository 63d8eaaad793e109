package org.screenroom.server.ingest.url;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Stops and restarts reading a download's socket: the backpressure of URL ingest while the file
 * opens and whenever the disk falls behind.
 *
 * <p>Not Vert.x's {@code pause()}: Vert.x 5 goes on reading a paused response into a queue of
 * its own, and if the socket closes before the response is resumed it fails the response with
 * "Connection was closed" and drops the queue, a complete body among it. Netty's native epoll
 * transport reads a socket whose peer has closed to its end whatever {@code autoRead} says
 * (EPOLLRDHUP), so there every download whose server sent the last bytes and closed (as any
 * server asked for {@code Connection: close} does) while the response was paused failed, while
 * NIO, which stops reading, only saw the close after the resume. Turning the socket's
 * {@code autoRead} off instead keeps every byte Netty reads flowing to the response's handler:
 * after a stop at most one read batch (NIO), or what the socket's receive buffer holds at the
 * peer's close (epoll), still arrives and is written. Vert.x has no public way to reach the
 * socket, so this uses its internal {@link ConnectionBase#channel()}.
 */
final class SocketReads {
  private final Channel channel;
  private final HttpClientResponse response;

  private SocketReads(Channel channel, HttpClientResponse response) {
    this.channel = channel;
    this.response = response;
  }

  /** The reads of the socket {@code response} arrives on. */
  static SocketReads of(HttpClientRequest request, HttpClientResponse response) {
    return new SocketReads(request.connection() instanceof ConnectionBase base
        ? base.channel() : null, response);
  }

  /** Reads no more from the socket (a few chunks already read may still arrive). */
  void stop() {
    if (channel != null) {
      channel.config().setAutoRead(false);
    } else {
      response.pause(); // not reachable: Vert.x's own pause, with its flaw on epoll
    }
  }

  /** Reads from the socket again. */
  void start() {
    if (channel != null) {
      channel.config().setAutoRead(true);
    } else {
      response.resume();
    }
  }
}
