import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelConfig;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.transport.Transport;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;

/**
 * Bench probe, not part of Screenroom: the smallest servers that answer every request with one
 * file, to find the throughput floor under Screenroom's segment path. Run by bench/vertx-floor.sh,
 * from the server jar's classpath. Arguments: file port. Knobs are system properties:
 * <ul>
 *   <li>{@code impl}: {@code vertx} (HttpServer + sendFile) or {@code netty} (HttpServerCodec +
 *       one handler writing a DefaultFileRegion, no Vert.x at all);
 *   <li>{@code transport}: {@code epoll} (default), {@code nio}, {@code iouring} (needs the netty
 *       io_uring jars on the classpath);
 *   <li>{@code send} (vertx): {@code path} = {@code sendFile(String)}, which resolves and opens the
 *       file per request as Screenroom does; {@code channel} = {@code sendFile(FileChannel)} on one
 *       channel opened at start;
 *   <li>{@code chunk} (netty): 0 = the whole file as one region; n = regions of n bytes, each written
 *       when the one before is done, as Vert.x does with 1 MiB;
 *   <li>{@code cork}: {@code response} (TCP_CORK around head and file, as Screenroom's stream.SendFileCork
 *       and nginx's tcp_nopush), {@code always} (set on the socket for good), {@code none};
 *   <li>{@code nodelay}, {@code loops} (event loops; Vert.x verticle instances too), {@code spin}
 *       (WRITE_SPIN_COUNT), {@code sndbuf} (SO_SNDBUF bytes, 0 = kernel autotuning), {@code wbm}
 *       (write buffer water marks "low:high"), {@code epollmode} (edge/level).
 * </ul>
 * Prints one line of the settings in force, then "ready".
 */
public class Floor {
  public static void main(String[] args) throws Exception {
    String file = args[0];
    int port = Integer.parseInt(args[1]);
    Knobs k = Knobs.fromProperties();
    if (k.impl.equals("netty")) {
      NettyFloor.start(file, port, k);
    } else {
      VertxFloor.start(file, port, k);
    }
    System.out.println("ready");
  }

  /** The knobs of one variant. */
  record Knobs(String impl, String transport, String send, long chunk, String cork, boolean nodelay,
      int loops, int spin, int sndbuf, String wbm, String epollMode) {
    static Knobs fromProperties() {
      return new Knobs(System.getProperty("impl", "vertx"), System.getProperty("transport", "epoll"),
          System.getProperty("send", "path"), Long.getLong("chunk", 0), System.getProperty("cork", "response"),
          Boolean.parseBoolean(System.getProperty("nodelay", "true")),
          Integer.getInteger("loops", Runtime.getRuntime().availableProcessors()),
          Integer.getInteger("spin", 0), Integer.getInteger("sndbuf", 0), System.getProperty("wbm", ""),
          System.getProperty("epollmode", ""));
    }

    /** Applies the per-socket options that neither API sets from a plain option. */
    void apply(Channel ch) {
      ChannelConfig c = ch.config();
      if (spin > 0) {
        c.setWriteSpinCount(spin);
      }
      if (!wbm.isEmpty()) {
        String[] lh = wbm.split(":");
        c.setWriteBufferWaterMark(new WriteBufferWaterMark(Integer.parseInt(lh[0]), Integer.parseInt(lh[1])));
      }
      if (!epollMode.isEmpty() && c instanceof EpollChannelConfig e) {
        e.setEpollMode(epollMode.equals("level") ? EpollMode.LEVEL_TRIGGERED : EpollMode.EDGE_TRIGGERED);
      }
      if (cork.equals("always") && ch instanceof EpollSocketChannel e) {
        e.config().setTcpCork(true);
      }
    }
  }

  /** Vert.x HttpServer, one verticle per event loop, as Screenroom deploys its HTTP verticle. */
  static final class VertxFloor {
    static void start(String file, int port, Knobs k) throws Exception {
      Transport transport = switch (k.transport) {
        case "nio" -> Transport.NIO;
        case "iouring" -> Transport.IO_URING;
        default -> Transport.EPOLL;
      };
      Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(k.loops))
          .withTransport(transport).build();
      FileChannel shared = k.send.equals("channel") ? new RandomAccessFile(file, "r").getChannel() : null;
      HttpServerOptions options = new HttpServerOptions().setTcpNoDelay(k.nodelay)
          .setTcpCork(k.cork.equals("always"));
      if (k.sndbuf > 0) {
        options.setSendBufferSize(k.sndbuf);
      }
      int instances = Integer.getInteger("instances", k.loops);
      vertx.deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          return vertx.createHttpServer(options)
              .connectionHandler(c -> k.apply(((ConnectionBase) c).channel()))
              .requestHandler(r -> send(r, file, shared, k.cork.equals("response")))
              .listen(port, "127.0.0.1");
        }
      }, new DeploymentOptions().setInstances(instances)).await();
      System.out.println("vertx transport=" + vertx.isNativeTransportEnabled() + "/" + transport.name() + " " + k);
    }

    static void send(HttpServerRequest r, String file, FileChannel shared, boolean corkPerResponse) {
      r.response().putHeader("Content-Type", "video/mp4");
      EpollSocketChannel corked = corkPerResponse && ((ConnectionBase) r.connection()).channel()
          instanceof EpollSocketChannel e ? e : null;
      if (corked != null) {
        corked.config().setTcpCork(true);
      }
      Future<Void> sent = shared != null ? r.response().sendFile(shared) : r.response().sendFile(file);
      if (corked != null) {
        // As Screenroom's stream.SendFileCork (inlined so any server jar will do): uncork on the
        // socket's event loop once the file is out.
        Runnable uncork = () -> {
          if (corked.isOpen()) {
            corked.config().setTcpCork(false);
          }
        };
        sent.onComplete(done -> {
          if (corked.eventLoop().inEventLoop()) {
            uncork.run();
          } else {
            corked.eventLoop().execute(uncork);
          }
        });
      }
    }
  }

  /** Plain Netty 4.2: HttpServerCodec and one handler, to tell a Vert.x cost from a Netty one. */
  static final class NettyFloor {
    static void start(String file, int port, Knobs k) throws Exception {
      IoHandlerFactory factory;
      Class<? extends ServerChannel> serverClass;
      switch (k.transport) {
        case "nio" -> {
          factory = NioIoHandler.newFactory();
          serverClass = NioServerSocketChannel.class;
        }
        case "iouring" -> {
          factory = Uring.factory();
          serverClass = Uring.serverClass();
        }
        default -> {
          factory = EpollIoHandler.newFactory();
          serverClass = EpollServerSocketChannel.class;
        }
      }
      FileChannel fc = new RandomAccessFile(file, "r").getChannel();
      long length = fc.size();
      MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(k.loops, factory);
      ServerBootstrap b = new ServerBootstrap().group(group).channel(serverClass)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, k.nodelay)
          .childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
              k.apply(ch);
              if (k.sndbuf > 0) {
                ch.config().setOption(ChannelOption.SO_SNDBUF, k.sndbuf);
              }
              ch.pipeline().addLast(new HttpServerCodec(), new FileHandler(fc, length, k));
            }
          });
      b.bind("127.0.0.1", port).sync();
      System.out.println("netty transport=" + serverClass.getSimpleName() + " " + k);
    }
  }

  /** Kept apart so the io_uring classes load only when asked for. */
  static final class Uring {
    static IoHandlerFactory factory() {
      if (!io.netty.channel.uring.IoUring.isAvailable()) {
        throw new IllegalStateException("io_uring unavailable", io.netty.channel.uring.IoUring.unavailabilityCause());
      }
      return io.netty.channel.uring.IoUringIoHandler.newFactory();
    }

    static Class<? extends ServerChannel> serverClass() {
      return io.netty.channel.uring.IoUringServerSocketChannel.class;
    }
  }

  /** A region over the shared channel that leaves it open when released. */
  static final class SharedRegion extends DefaultFileRegion {
    SharedRegion(FileChannel fc, long position, long count) {
      super(fc, position, count);
    }

    @Override
    protected void deallocate() {
      // The channel is opened once and serves every response.
    }
  }

  static final class FileHandler extends SimpleChannelInboundHandler<HttpObject> {
    private final FileChannel fc;
    private final long length;
    private final Knobs k;
    private boolean keepAlive = true;

    FileHandler(FileChannel fc, long length, Knobs k) {
      this.fc = fc;
      this.length = length;
      this.k = k;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpRequest req) {
        keepAlive = HttpUtil.isKeepAlive(req);
      }
      if (!(msg instanceof LastHttpContent)) {
        return;
      }
      DefaultHttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, "video/mp4").set(HttpHeaderNames.CONTENT_LENGTH, length);
      EpollSocketChannel corked = k.cork.equals("response") && ctx.channel() instanceof EpollSocketChannel e ? e : null;
      if (corked != null) {
        corked.config().setTcpCork(true);
      }
      ctx.write(res);
      ChannelFuture done = k.chunk <= 0 ? whole(ctx) : chunked(ctx, 0);
      done.addListener(f -> {
        if (corked != null && corked.isOpen()) {
          corked.config().setTcpCork(false);
        }
        if (!keepAlive || !f.isSuccess()) {
          ctx.close();
        }
      });
    }

    private ChannelFuture whole(ChannelHandlerContext ctx) {
      ctx.write(new SharedRegion(fc, 0, length));
      return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    /** Region after region, each written when the one before is out, as Vert.x's sendFileRegion. */
    private ChannelFuture chunked(ChannelHandlerContext ctx, long from) {
      io.netty.channel.ChannelPromise all = ctx.newPromise();
      writeFrom(ctx, from, all);
      return all;
    }

    private void writeFrom(ChannelHandlerContext ctx, long from, io.netty.channel.ChannelPromise all) {
      long n = Math.min(k.chunk, length - from);
      ctx.writeAndFlush(new SharedRegion(fc, from, n)).addListener(f -> {
        if (!f.isSuccess()) {
          all.tryFailure(f.cause());
        } else if (from + n < length) {
          writeFrom(ctx, from + n, all);
        } else {
          ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(g -> {
            if (g.isSuccess()) {
              all.trySuccess();
            } else {
              all.tryFailure(g.cause());
            }
          });
        }
      });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
