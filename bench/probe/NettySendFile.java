import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;

/**
 * Bench probe, not part of Screenroom: the ceiling under Vert.x. A bare Netty epoll server
 * (Vert.x's own transport and codec, none of Vert.x) that answers every request with one file
 * as a zero-copy {@link DefaultFileRegion} of one channel held open, one event loop per core,
 * as nginx answers with sendfile. Run by bench/netty-floor.sh.
 * System properties: {@code cork=response} corks each response (TCP_CORK set before the head,
 * cleared once the file is written, as Screenroom's SendFileCork and nginx's tcp_nopush).
 */
public class NettySendFile {
  public static void main(String[] args) throws Exception {
    String file = args[0];
    int port = Integer.parseInt(args[1]);
    boolean cork = System.getProperty("cork", "").equals("response");
    FileChannel channel = new RandomAccessFile(file, "r").getChannel();
    long size = channel.size();
    EventLoopGroup group = new EpollEventLoopGroup(Runtime.getRuntime().availableProcessors());
    new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new SimpleChannelInboundHandler<Object>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                if (!(msg instanceof HttpRequest)) {
                  return;
                }
                EpollSocketChannel socket = (EpollSocketChannel) ctx.channel();
                if (cork) {
                  socket.config().setOption(EpollChannelOption.TCP_CORK, true);
                }
                DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.OK);
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, "video/iso.segment")
                    .set(HttpHeaderNames.CONTENT_LENGTH, size);
                ctx.write(head);
                // Not closed when sent: the one channel serves every response.
                ctx.write(new DefaultFileRegion(channel, 0, size) {
                  @Override
                  protected void deallocate() {}
                });
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                    .addListener((ChannelFutureListener) f -> {
                      if (cork && socket.isOpen()) {
                        socket.config().setOption(EpollChannelOption.TCP_CORK, false);
                      }
                    });
              }
            });
          }
        }).bind("127.0.0.1", port).sync();
    System.out.println("ready netty epoll cork=" + cork);
  }
}
