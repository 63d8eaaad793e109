package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.config.ConfigException;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.PackagedFilm;
import org.screenroom.server.testing.SelfSignedCert;
import org.screenroom.server.testing.TestServer;

/** HTTPS with HTTP/2 by ALPN when a certificate is configured; bad TLS settings stop start-up. */
class Http2TlsTest {
  @TempDir Path work;

  private record Answer(HttpVersion version, int status, byte[] body, String contentType) {}

  private static Answer fetch(Vertx vertx, String url, HttpVersion protocol) throws Exception {
    URI uri = URI.create(url);
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(protocol).setSsl(true).setUseAlpn(true)
        .setTrustAll(true).setVerifyHost(false));
    try {
      return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost())
              .setPort(uri.getPort()).setURI(uri.getRawPath()))
          .compose(req -> req.send())
          .compose((HttpClientResponse r) -> r.body().map((Buffer b) -> new Answer(r.version(),
              r.statusCode(), b.getBytes(), r.getHeader("content-type"))))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  @Test
  void tls_segmentOverHttp2_isByteExact_andHttp11StillWorks() throws Exception {
    SelfSignedCert cert = SelfSignedCert.write(Files.createDirectories(work.resolve("tls")));
    Vertx vertx = Vertx.vertx();
    try (TestServer server = TestServer.start(work.resolve("data"), new MutableClock(Instant.now()),
        Map.of("tls-cert", cert.cert().toString(), "tls-key", cert.key().toString()))) {
      assertThat(server.url()).startsWith("https://");
      PackagedFilm film = PackagedFilm.create(server, 1_500_000);
      String prefix = fetchPrefix(vertx, server.url(), film.id());

      Answer h2 = fetch(vertx, prefix + PackagedFilm.SEGMENT, HttpVersion.HTTP_2);
      Answer h1 = fetch(vertx, prefix + PackagedFilm.SEGMENT, HttpVersion.HTTP_1_1);

      assertThat(h2.version()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(h2.status()).isEqualTo(200);
      assertThat(h2.contentType()).isEqualTo("video/iso.segment");
      assertThat(h2.body()).isEqualTo(film.segment());
      assertThat(h1.version()).isEqualTo(HttpVersion.HTTP_1_1);
      assertThat(h1.body()).isEqualTo(film.segment());
      assertThat(prefix).startsWith("https://");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** The playback prefix, asked for over HTTPS (so the issued URLs are https too). */
  private static String fetchPrefix(Vertx vertx, String base, String filmId) throws Exception {
    Answer a = fetch(vertx, base + "/api/films/" + filmId + "/playback", HttpVersion.HTTP_2);
    assertThat(a.status()).isEqualTo(200);
    String hls = new io.vertx.core.json.JsonObject(Buffer.buffer(a.body())).getString("hls");
    return hls.substring(0, hls.length() - "master.m3u8".length());
  }

  @Test
  void tls_keyThatIsNotPem_failsStartupWithAHint() throws Exception {
    SelfSignedCert cert = SelfSignedCert.write(Files.createDirectories(work.resolve("tls")));
    Files.writeString(cert.key(), "not a key");

    assertThatThrownBy(() -> TestServer.start(work.resolve("data"), new MutableClock(Instant.now()),
        Map.of("tls-cert", cert.cert().toString(), "tls-key", cert.key().toString())).close())
        .hasMessageContaining("tls-cert and tls-key");
  }

  @Test
  void tls_certWithoutKey_isAConfigProblem() {
    assertThatThrownBy(() -> TestServer.config(work.resolve("data"), Map.of("tls-cert",
        work.resolve("missing.pem").toString())))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems())
            .anyMatch(p -> p.contains("go together")));
    List.of();
  }
}
