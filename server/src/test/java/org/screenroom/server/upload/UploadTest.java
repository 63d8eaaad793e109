package org.screenroom.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.TestServer;
import org.screenroom.server.testing.TusClient;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.process.CancelSignal;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;

/**
 * Uploads through the real npm tus-js-client (player-web/e2e/tus-upload.mjs) to a real server:
 * resuming with a new client, resuming across a server restart, and bad files, each ending in the
 * film's status while another film keeps playing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadTest {
  private static final Duration STATUS_WAIT = Duration.ofSeconds(90);
  /** Between two looks at the film while polling its status. */
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Map<TestServer, String> ADMIN_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();
  @TempDir static Path work;
  private TestServer server;
  private String ada;
  private String playingFilm;
  private Path clip;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), Clock.systemUTC());
    ada = filmmaker(server, "ada");
    clip = Media.clip(work.resolve("clip.mp4"), 4, 320, 240, true);
    // A film that is ready before the bad uploads arrive, to show the server goes on serving it.
    var admin = server.app().accounts().findByUsername("admin").orElseThrow();
    playingFilm = server.app().films().create(admin.id(),
        FilmMetadata.titled("Still playing", Visibility.UNLISTED)).id();
    var ingestor = server.app().ingestor();
    ingestor.storeMaster(playingFilm, clip, "clip.mp4");
    var film = ingestor.transcode(playingFilm, ProgressListener.NONE, new CancelSignal());
    assertThat(film.status().wire()).as(String.valueOf(film.error())).isEqualTo("ready");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void tusClient_abortedHalfway_resumedByNewClient_isByteExact() throws Exception {
    String film = new RawTus(server).film(ada, "Resumed");
    long size = Files.size(clip);
    Path storage = work.resolve("resume-urls.json");

    TusClient.Run first = TusClient.upload(server.url(), ada, clip, film, "--chunk-size", "65536",
        "--abort-at-bytes", Long.toString(size / 2), "--url-storage", storage.toString());
    assertThat(first.ok()).as(first.report() + first.stderr()).isTrue();
    assertThat(first.report().getBoolean("aborted")).isTrue();
    String url = first.report().getString("url");
    long held = new RawTus(server).offset(ada, url.substring(server.url().length()));
    assertThat(held).isBetween(1L, size - 1);

    TusClient.Run second = TusClient.upload(server.url(), ada, clip, film, "--chunk-size", "65536",
        "--url-storage", storage.toString());
    assertThat(second.ok()).as(second.report() + second.stderr()).isTrue();
    assertThat(second.report().getBoolean("resumed")).isTrue();
    assertThat(second.report().getString("url")).isEqualTo(url);

    JsonObject source = awaitSource(server, film);
    assertThat(source.getString("sha256")).isEqualTo(sha256(clip));
    assertThat(source.getLong("size")).isEqualTo(size);
    assertThat(source.getString("filename")).isEqualTo("clip.mp4");
  }

  @Test
  void tusClient_serverRestartedMidUpload_resumesExactly() throws Exception {
    Path data = work.resolve("restart-data");
    TestServer first = TestServer.start(data, Clock.systemUTC());
    int port = first.server().port();
    String token = filmmaker(first, "rita");
    String film = new RawTus(first).film(token, "Restarted");
    long size = Files.size(clip);
    Path storage = work.resolve("restart-urls.json");
    TusClient.Run before;
    try {
      before = TusClient.upload(first.url(), token, clip, film, "--chunk-size", "32768",
          "--abort-at-bytes", Long.toString(size / 3), "--url-storage", storage.toString());
      assertThat(before.ok()).as(before.report() + before.stderr()).isTrue();
    } finally {
      first.close();
    }

    TestServer second = TestServer.start(data, Clock.systemUTC(), Map.of("port", Integer.toString(port)));
    try {
      String path = before.report().getString("url").substring(second.url().length());
      long held = new RawTus(second).offset(token, path);
      Path part = data.resolve("uploads").resolve(path.substring(path.lastIndexOf('/') + 1) + ".part");
      assertThat(held).isPositive().isEqualTo(Files.size(part));

      TusClient.Run after = TusClient.upload(second.url(), token, clip, film, "--chunk-size", "32768",
          "--url-storage", storage.toString());
      assertThat(after.ok()).as(after.report() + after.stderr()).isTrue();
      assertThat(after.report().getBoolean("resumed")).isTrue();

      assertThat(awaitSource(second, film).getString("sha256")).isEqualTo(sha256(clip));
      assertThat(part).doesNotExist();
    } finally {
      second.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "text file   | notes.txt | \"notes.txt\" is a text file, not a video.",
      "empty file  | empty.mp4 | \"empty.mp4\" is empty (0 bytes)",
      "audio only  | sound.m4a | \"sound.m4a\" contains only sound, no picture.",
      "truncated   | cut.mov   | \"cut.mov\" is incomplete or damaged",
  })
  void tusClient_badFile_filmFailsWithItsSentence_andAnotherFilmStillPlays(String label,
      String filename, String sentence) throws Exception {
    Path file = badFile(label, work.resolve("bad").resolve(filename));
    String film = new RawTus(server).film(ada, "Bad: " + label);

    TusClient.Run run = TusClient.upload(server.url(), ada, file, film);

    assertThat(run.ok()).as(run.report() + run.stderr()).isTrue();
    JsonObject failed = awaitStatus(server, film, "failed");
    assertThat(failed.getString("error")).contains(sentence).doesNotContain(".part");
    assertStillPlays(playingFilm);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "parent path    | ../x",
      "absolute path  | /etc/passwd",
      "backslashes    | ..\\..\\evil.mov",
      "html           | <img src=x onerror=alert(1)>.mp4",
      "sql            | 1); DROP TABLE uploads; --.mp4",
  })
  void hostileFilename_isStoredAsTextOnly(String label, String filename) throws Exception {
    String film = new RawTus(server).film(ada, "Hostile: " + label);
    Path text = work.resolve("hostile.txt");
    Files.writeString(text, "not a film\n".repeat(100));

    TusClient.Run run = TusClient.upload(server.url(), ada, text, film, "--filename", filename);

    assertThat(run.ok()).as(run.report() + run.stderr()).isTrue();
    JsonObject failed = awaitStatus(server, film, "failed");
    assertThat(failed.getString("error")).startsWith("\"" + filename + "\" is a text file");
    assertNoStrayFiles();
  }

  @Test
  void hostileFilename_controlCharactersBecomeReplacementCharacters_andAbsurdLengthIs400()
      throws Exception {
    RawTus tus = new RawTus(server);
    String film = tus.film(ada, "Control characters");
    byte[] body = "plain text\n".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> created = tus.send("POST", "/api/uploads", ada, Map.of(
        "Upload-Length", Integer.toString(body.length),
        "Upload-Metadata", RawTus.metadata(film, "a\u0000b\nc.txt"),
        "Content-Type", "application/offset+octet-stream"), body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(awaitStatus(server, film, "failed").getString("error"))
        .startsWith("\"a\uFFFDb\uFFFDc.txt\" is a text file");

    HttpResponse<String> absurd = tus.create(ada, RawTus.metadata(film, "a".repeat(4096)), 10);
    assertThat(absurd.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(absurd.body()).getString("error")).contains("longer than 255");
  }

  private void assertStillPlays(String filmId) throws Exception {
    HttpResponse<String> playback = server.get("/api/films/" + filmId + "/playback", ada);
    assertThat(playback.statusCode()).as(playback.body()).isEqualTo(200);
    HttpResponse<String> master = server.get(new JsonObject(playback.body()).getString("hls"), null);
    assertThat(master.statusCode()).isEqualTo(200);
    assertThat(master.body()).startsWith("#EXTM3U");
  }

  private void assertNoStrayFiles() throws Exception {
    Path data = work.resolve("data");
    try (var top = Files.list(data)) {
      assertThat(top.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("catalog.db")))
          .allMatch(n -> List.of("films", "uploads").contains(n));
    }
    assertThat(work.resolve("x")).doesNotExist();
    assertThat(data.resolve("x")).doesNotExist();
  }

  private Path badFile(String label, Path out) throws Exception {
    Files.createDirectories(out.getParent());
    switch (label) {
      case "text file" -> Files.writeString(out, "INT. CINEMA - NIGHT\n".repeat(2000));
      case "empty file" -> Files.write(out, new byte[0]);
      case "audio only" -> ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
          "-t", "3", "-c:a", "aac", out.toString());
      case "truncated" -> {
        Path whole = Media.clip(out.resolveSibling("whole.mov"), 3, 320, 240, true);
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(out, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      }
      default -> throw new IllegalArgumentException(label);
    }
    return out;
  }

  private static void ffmpeg(String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of(Media.tools().ffmpeg().toString(),
        "-hide_banner", "-nostdin", "-y"));
    argv.addAll(List.of(args));
    new ProcessRunner().run(ProcessRequest.of(argv, Media.tools().environment(), Duration.ofMinutes(1)));
  }

  static String filmmaker(TestServer server, String name) throws Exception {
    String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    HttpResponse<String> r = server.send("POST", "/api/accounts", admin, "application/json",
        new JsonObject().put("username", name).put("password", name + "-password")
            .put("role", "filmmaker").encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return server.token(name, name + "-password");
  }

  /** Polls the film until {@code status}, failing at once on a different final status. */
  static JsonObject awaitStatus(TestServer server, String filmId, String status) throws Exception {
    long deadline = System.nanoTime() + STATUS_WAIT.toNanos();
    JsonObject film = null;
    while (System.nanoTime() < deadline) {
      film = filmJson(server, filmId);
      String now = film.getString("status");
      if (status.equals(now)) {
        return film;
      }
      if (!"draft".equals(now) && !"processing".equals(now)) {
        throw new AssertionError("film became " + now + ", not " + status + ": " + film.encode());
      }
      java.util.concurrent.locks.LockSupport.parkNanos(POLL.toNanos());
    }
    throw new AssertionError("film not " + status + " within " + STATUS_WAIT + ": " + film);
  }

  /** Polls the film until its source is recorded. */
  static JsonObject awaitSource(TestServer server, String filmId) throws Exception {
    long deadline = System.nanoTime() + STATUS_WAIT.toNanos();
    JsonObject film = null;
    while (System.nanoTime() < deadline) {
      film = filmJson(server, filmId);
      if (film.getJsonObject("source") != null) {
        return film.getJsonObject("source");
      }
      assertThat(film.getString("status")).as(film.encode()).isNotEqualTo("failed");
      java.util.concurrent.locks.LockSupport.parkNanos(POLL.toNanos());
    }
    throw new AssertionError("no source within " + STATUS_WAIT + ": " + film);
  }

  private static JsonObject filmJson(TestServer server, String filmId) throws Exception {
    String token = ADMIN_TOKENS.computeIfAbsent(server, s -> {
      try {
        return s.token("admin", TestServer.ADMIN_PASSWORD);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    HttpResponse<String> r = server.get("/api/films/" + filmId, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body());
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
