package org.screenroom.server.stream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Sends a range of an open file as an HTTP/2 response body: each chunk read (by position, so
 * the channel may be shared) on a worker, written on the event loop, the next read waiting while
 * the stream's flow-control window is full.
 *
 * <p>Why not {@code sendFile}: Vert.x 5.1.6's {@code sendFile(FileChannel, ...)} on an HTTP/2
 * stream hands Netty a chunked file the HTTP/2 codec does not take (the stream is reset), and
 * its {@code sendFile(String, ...)} there checks and opens the file on the calling thread, the
 * event loop. HTTP/2 only comes with TLS, where the bytes are copied and encrypted anyway.
 */
final class ChannelPump {
  /** As Netty's chunked file writes, and a multiple of HTTP/2's default 16 KB frame. */
  static final int CHUNK = 64 * 1024;

  private final Context context;
  private final HttpServerResponse response;
  private final FileChannel channel;
  private final long end;
  private final Promise<Void> done = Promise.promise();
  private long position;

  private ChannelPump(Context context, HttpServerResponse response, FileChannel channel,
      long from, long count) {
    this.context = context;
    this.response = response;
    this.channel = channel;
    this.position = from;
    this.end = from + count;
  }

  /**
   * Sends {@code count} bytes of {@code channel} from {@code from} as the whole body of
   * {@code response} (its head with them), on {@code context}, the response's event loop.
   * Completes when the body is written; fails (the stream reset, when its head went out) if the
   * file cannot be read.
   */
  static Future<Void> send(Context context, HttpServerResponse response, FileChannel channel,
      long from, long count) {
    response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(count));
    ChannelPump pump = new ChannelPump(context, response, channel, from, count);
    pump.next();
    return pump.done.future();
  }

  private void next() {
    if (position >= end) {
      response.end().onComplete(done);
      return;
    }
    int size = (int) Math.min(CHUNK, end - position);
    long at = position;
    context.<Buffer>executeBlocking(() -> read(at, size), false).onComplete(read -> {
      if (read.failed()) {
        if (!response.headWritten()) {
          // The caller answers with an error instead, of its own length.
          response.headers().remove(HttpHeaders.CONTENT_LENGTH);
        }
        done.fail(read.cause());
        return;
      }
      if (response.closed()) {
        done.fail("the client went away");
        return;
      }
      position += size;
      response.write(read.result());
      if (response.writeQueueFull()) {
        response.drainHandler(v -> {
          response.drainHandler(null);
          next();
        });
      } else {
        next();
      }
    });
  }

  private Buffer read(long at, int size) throws Exception {
    ByteBuffer bytes = ByteBuffer.allocate(size);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes, at + bytes.position()) < 0) {
        throw new EOFException("the file ended before its indexed size");
      }
    }
    return Buffer.buffer(bytes.array());
  }
}
