import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;

/**
 * Bench probe, not part of Screenroom: a Vert.x server that does nothing but {@code sendFile} of
 * one file, one instance per core. It measures the floor Vert.x itself sets under the segment
 * hot path, apart from Screenroom's checks. Run by bench/vertx-floor.sh.
 * System properties: {@code nodelay} and {@code cork} (TCP options; cork needs native epoll).
 */
public class VertxSendFile {
  public static void main(String[] args) {
    String file = args[0];
    int port = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    System.out.println("native=" + vertx.isNativeTransportEnabled());
    HttpServerOptions options = new HttpServerOptions()
        .setTcpNoDelay(Boolean.parseBoolean(System.getProperty("nodelay", "true")))
        .setTcpCork(Boolean.getBoolean("cork"));
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(options)
            .requestHandler(r -> r.response().putHeader("Content-Type", "video/mp4").sendFile(file))
            .listen(port, "127.0.0.1");
      }
    }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
    System.out.println("ready");
  }
}
