package org.screenroom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.PackageVersionStore;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.PackagedFilm;
import org.screenroom.server.testing.TestServer;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.process.CancelSignal;

/**
 * Package versions on local disk (SQLite catalog): a film transcoded again writes the new
 * version in a directory of its own while the old one keeps playing, byte for byte; after the
 * switch the old version is still served, also by a restarted server (the catalog records it),
 * until the sweep removes its directory after the grace period.
 */
class LocalVersionsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path work;

  @Test
  void retranscode_oldVersionPlaysThroughout_survivesARestart_thenIsSwept() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    Path data = work.resolve("data");
    Path clip = Media.clip(work.resolve("clip.mp4"), 2, 320, 240, true);
    String film;
    String ada;
    String v1;
    String segment;
    byte[] v1Bytes;
    String oldPrefix;
    TestServer server = TestServer.start(data, clock);
    try {
      var account = server.app().accounts().create("ada", "ada-password", Role.FILMMAKER);
      ada = server.token("ada", "ada-password");
      film = server.app().films().create(account.id(),
          FilmMetadata.titled("Local", Visibility.PUBLIC)).id();
      var ingestor = server.app().ingestor();
      ingestor.storeMaster(film, clip, "clip.mp4");
      assertThat(ingestor.transcode(film, ProgressListener.NONE, new CancelSignal()).status()
          .wire()).isEqualTo("ready");
      PackageVersionStore versions = new PackageVersionStore(server.app().database());
      v1 = versions.current(film).orElseThrow();
      Path v1Dir = PackagedFilm.currentDir(server.app(), film);
      assertThat(v1Dir).isEqualTo(data.resolve("films/" + film + "/pkg/" + v1));
      segment = firstSegment(v1Dir);
      v1Bytes = Files.readAllBytes(v1Dir.resolve(segment));
      oldPrefix = prefix(server, ada, film);

      TestServer s = server;
      String f = film;
      String t = ada;
      String seg = segment;
      AtomicReference<Throwable> during = new AtomicReference<>();
      AtomicReference<String> status = new AtomicReference<>();
      ProgressListener check = p -> {
        if (status.get() != null) {
          return;
        }
        try {
          JsonObject json = new JsonObject(s.get("/api/films/" + f, t).body());
          status.set(json.getString("status") + "/"
              + json.getJsonObject("nextVersion").getString("status"));
          assertThat(bytes(prefix(s, t, f) + v1Dir.getFileName() + "/" + seg))
              .isEqualTo(Files.readAllBytes(v1Dir.resolve(seg)));
        } catch (Throwable e) {
          during.compareAndSet(null, e);
        }
      };
      assertThat(ingestor.transcode(film, check, new CancelSignal()).status().wire())
          .isEqualTo("ready");
      assertThat(during.get()).isNull();
      assertThat(status.get()).isEqualTo("ready/processing");
      String v2 = versions.current(film).orElseThrow();
      assertThat(v2).isNotEqualTo(v1);
      assertThat(PackagedFilm.versionEntries(server.app(), film)).containsExactlyInAnyOrder(v1, v2);
      assertThat(bytes(oldPrefix + v1 + "/" + segment)).isEqualTo(v1Bytes);
      assertThat(server.get(oldPrefix + "master.m3u8", null).body()).contains(v2 + "/v");
    } finally {
      server.close();
      server.app().close();
    }

    TestServer restarted = TestServer.start(data, clock);
    try {
      String prefix = prefix(restarted, ada, film);
      assertThat(bytes(prefix + v1 + "/" + segment)).isEqualTo(v1Bytes);

      clock.advance(restarted.app().playbackTtl().plusSeconds(1));
      // At most one: the sweep the server started at start-up may have been the one to do it.
      assertThat(restarted.server().sweepPackages().toCompletionStage().toCompletableFuture()
          .get(60, TimeUnit.SECONDS)).isBetween(0, 1);
      assertThat(new PackageVersionStore(restarted.app().database()).retired(film)).isEmpty();
      assertThat(data.resolve("films/" + film + "/pkg/" + v1)).doesNotExist();
      String renewed = prefix(restarted, ada, film);
      assertThat(get(renewed + v1 + "/" + segment).statusCode()).isEqualTo(404);
      assertThat(get(renewed + "master.m3u8").statusCode()).isEqualTo(200);
    } finally {
      restarted.close();
      restarted.app().close();
    }
  }

  private static String firstSegment(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir, 2)) {
      return dir.relativize(files.filter(p -> p.toString().endsWith(".m4s")).sorted()
          .findFirst().orElseThrow()).toString();
    }
  }

  private static String prefix(TestServer server, String token, String film) throws Exception {
    HttpResponse<String> r = server.get("/api/films/" + film + "/playback", token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getString("hls").replace("master.m3u8", "");
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] bytes(String url) throws Exception {
    HttpResponse<byte[]> r = get(url);
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }
}
