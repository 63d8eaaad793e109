package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.account.Role;
import org.screenroom.server.cli.Main;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.PackagedFilm;
import org.screenroom.server.testing.RawHttp;
import org.screenroom.server.testing.TestServer;

/**
 * Key rotation and network-bound URLs through a real server: the admin API and the CLI rotate,
 * old URLs keep working until their key is retired, and (with {@code playback-bind-network})
 * a URL works only from the /24 it was issued to. Also the hot path's metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SigningKeysTest {
  private static final Duration TTL = Duration.ofHours(1);
  @TempDir static Path work;
  // A day behind the wall clock that the CLI uses: keys the CLI makes are the newest.
  private final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofDays(1)));
  private TestServer server;
  private PackagedFilm film;
  private String admin;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), clock, Map.of("playback-ttl", "1h",
        "key-retention", "1h", "playback-bind-network", "true"));
    film = PackagedFilm.create(server, 64 * 1024);
    admin = server.token("admin", TestServer.ADMIN_PASSWORD);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private String kidOf(String prefix) {
    return PackagedFilm.tokenOf(prefix).split("\\.")[0];
  }

  @Test
  @Order(1)
  void rotate_byAdminApi_newUrlsUseTheNewKid_oldUrlsWorkUntilTheOldKeyIsRetired() throws Exception {
    String oldPrefix = film.playbackPrefix(server, null);

    HttpResponse<String> rotated = server.send("POST", "/api/signing-keys/rotate", admin, null, "");

    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
    String newKid = new JsonObject(rotated.body()).getString("kid");
    String newPrefix = film.playbackPrefix(server, null);
    assertThat(kidOf(newPrefix)).isEqualTo(newKid).isNotEqualTo(kidOf(oldPrefix));
    assertThat(server.get(oldPrefix + PackagedFilm.SEGMENT, null).statusCode()).isEqualTo(200);
    assertThat(server.get(newPrefix + PackagedFilm.SEGMENT, null).statusCode()).isEqualTo(200);
    JsonObject listed = new JsonObject(server.get("/api/signing-keys", admin).body());
    assertThat(listed.getJsonArray("items").getJsonObject(0).getString("kid")).isEqualTo(newKid);
    assertThat(listed.encode()).doesNotContain("secret");

    // Past the retention, the next rotation retires the old key: its URLs are refused (403),
    // and the newer URL, whose key is still within retention, keeps working.
    clock.advance(TTL.plusSeconds(1));
    String newest = film.playbackPrefix(server, null);
    server.send("POST", "/api/signing-keys/rotate", admin, null, "");
    HttpResponse<String> old = server.get(oldPrefix + PackagedFilm.SEGMENT, null);
    assertThat(old.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(old.body()).getString("error")).contains("not valid");
    assertThat(server.get(newest + PackagedFilm.SEGMENT, null).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void rotate_byCli_isPickedUpByTheRunningServer() throws Exception {
    String before = server.app().keys().activeKeys().get(0).kid();

    int exit = Main.run("keys", "rotate", "--data", work.resolve("data").toString(),
        "--cache-dir", Media.CACHE.toString());

    assertThat(exit).isZero();
    String after = server.app().keys().activeKeys().get(0).kid();
    assertThat(after).isNotEqualTo(before);
    String prefix = org.screenroom.server.testing.Await.until(Duration.ofSeconds(30),
        "the server signing with the CLI's key", () -> java.util.Optional.of(
            film.playbackPrefix(server, null)).filter(p -> kidOf(p).equals(after)));
    assertThat(server.get(prefix + PackagedFilm.SEGMENT, null).statusCode()).isEqualTo(200);
  }

  @Test
  void signingKeys_forANonAdmin_are403() throws Exception {
    server.app().accounts().create("maker", "maker-password", Role.FILMMAKER);
    String maker = server.token("maker", "maker-password");

    assertThat(server.get("/api/signing-keys", maker).statusCode()).isEqualTo(403);
    assertThat(server.send("POST", "/api/signing-keys/rotate", maker, null, "").statusCode())
        .isEqualTo(403);
    assertThat(server.get("/api/signing-keys", null).statusCode()).isEqualTo(401);
  }

  @Test
  void boundUrl_worksFromItsNetwork_andIs403FromAnother() throws Exception {
    String prefix = film.playbackPrefix(server, null);
    String url = prefix + PackagedFilm.SEGMENT;

    assertThat(PackagedFilm.tokenOf(prefix).split("\\.")).hasSize(5);
    assertThat(RawHttp.get(url, "127.0.0.1")).isEqualTo(200);
    assertThat(RawHttp.get(url, "127.0.0.200")).as("same /24").isEqualTo(200);
    assertThat(RawHttp.get(url, "127.0.1.1")).as("another /24").isEqualTo(403);
    HttpResponse<String> master = server.get(prefix + "master.m3u8", null);
    assertThat(master.statusCode()).isEqualTo(200);
  }

  @Test
  void metrics_haveLatencyBuckets_queueGauges_andTheSessionsHook() throws Exception {
    server.get(film.playbackPrefix(server, null) + PackagedFilm.SEGMENT, null);
    server.server().metrics().activePlaybackSessions(() -> 7);

    String metrics = server.get("/metrics", admin).body();

    assertThat(metrics).contains("vertx_http_server_response_time_seconds_bucket{",
        "le=\"0.05\"", "le=\"0.001\"", "route=\"/play/.*\"",
        "screenroom_transcode_jobs{state=\"queued\"}", "screenroom_transcode_jobs{state=\"running\"}",
        "screenroom_playback_sessions_active 7.0",
        "screenroom_connections_refused_total 0.0");
  }
}
