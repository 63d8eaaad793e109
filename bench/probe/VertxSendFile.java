import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.screenroom.server.stream.SendFileCork;

/**
 * Bench probe, not part of Screenroom: a Vert.x server that does nothing but {@code sendFile} of
 * one file, one instance per core. It measures the floor Vert.x itself sets under the segment
 * hot path, apart from Screenroom's checks. Run by bench/vertx-floor.sh.
 * System properties: {@code nodelay} and {@code cork} (TCP options; cork needs native epoll):
 * {@code cork=true} leaves TCP_CORK on for good, {@code cork=response} corks each response with
 * Screenroom's own {@link SendFileCork} (the server jar's class), as the segment handler does.
 */
public class VertxSendFile {
  public static void main(String[] args) {
    String file = args[0];
    int port = Integer.parseInt(args[1]);
    String cork = System.getProperty("cork", "false");
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    System.out.println("native=" + vertx.isNativeTransportEnabled() + " cork=" + cork);
    HttpServerOptions options = new HttpServerOptions()
        .setTcpNoDelay(Boolean.parseBoolean(System.getProperty("nodelay", "true")))
        .setTcpCork(cork.equals("true"));
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(options)
            .requestHandler(r -> send(r, file, cork.equals("response")))
            .listen(port, "127.0.0.1");
      }
    }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
    System.out.println("ready");
  }

  private static void send(HttpServerRequest r, String file, boolean perResponse) {
    r.response().putHeader("Content-Type", "video/mp4");
    if (perResponse) {
      SendFileCork.around(r, () -> r.response().sendFile(file));
    } else {
      r.response().sendFile(file);
    }
  }
}
