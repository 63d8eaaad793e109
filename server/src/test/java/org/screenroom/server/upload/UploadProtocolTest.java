package org.screenroom.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.RawHttp;
import org.screenroom.server.testing.TestServer;

/** tus 1.0 over raw HTTP: exact statuses and headers for each rule, on a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadProtocolTest {
  private static final int ONE_MIB = 1 << 20;
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private TestServer server;
  private RawTus tus;
  private String ada;
  private String bob;
  private final byte[] bytes = new byte[300_000];

  @BeforeAll
  void start() throws Exception {
    new Random(7).nextBytes(bytes);
    server = TestServer.start(work.resolve("data"), clock, Map.of("max-upload-size", "1M"));
    tus = new RawTus(server);
    String admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    for (String name : List.of("ada", "bob")) {
      HttpResponse<String> r = server.send("POST", "/api/accounts", admin, "application/json",
          new JsonObject().put("username", name).put("password", name + "-password")
              .put("role", "filmmaker").encode());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    ada = server.token("ada", "ada-password");
    bob = server.token("bob", "bob-password");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void options_announcesVersionExtensionsMaxSizeAndAlgorithms() throws Exception {
    HttpResponse<String> r = tus.send("OPTIONS", "/api/uploads", null, Map.of(), null);

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Tus-Resumable")).contains("1.0.0");
    assertThat(r.headers().firstValue("Tus-Version")).contains("1.0.0");
    assertThat(r.headers().firstValue("Tus-Extension"))
        .contains("creation,creation-with-upload,termination,checksum,expiration");
    assertThat(r.headers().firstValue("Tus-Max-Size")).contains(Integer.toString(ONE_MIB));
    assertThat(r.headers().firstValue("Tus-Checksum-Algorithm")).contains("sha1,sha256");
  }

  @Test
  void creation_thenPatches_thenHead_reportsOffsetLengthExpiryAndNoStore() throws Exception {
    String film = tus.film(ada, "Two chunks");
    HttpResponse<String> created = tus.create(ada, RawTus.metadata(film, "film.mp4"), bytes.length);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String path = created.headers().firstValue("Location").orElseThrow();
    assertThat(path).matches("/api/uploads/[A-Za-z0-9_-]{22}");
    assertThat(created.headers().firstValue("Upload-Expires")).contains("Tue, 2 Jun 2026 12:00:00 GMT");
    assertThat(created.headers().firstValue("Tus-Resumable")).contains("1.0.0");

    HttpResponse<String> first = tus.patch(ada, path, 0, slice(0, 100_000), Map.of());
    assertThat(first.statusCode()).isEqualTo(204);
    assertThat(first.headers().firstValue("Upload-Offset")).contains("100000");
    assertThat(first.headers().firstValue("Upload-Expires")).isPresent();

    HttpResponse<String> head = tus.head(ada, path);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Upload-Offset")).contains("100000");
    assertThat(head.headers().firstValue("Upload-Length")).contains(Integer.toString(bytes.length));
    assertThat(head.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(head.headers().firstValue("Tus-Resumable")).contains("1.0.0");
    assertThat(Files.size(part(path))).isEqualTo(100_000);
  }

  @Test
  void creationWithUpload_storesTheBodySentWithThePost() throws Exception {
    String film = tus.film(ada, "With upload");
    HttpResponse<String> r = tus.send("POST", "/api/uploads", ada, Map.of(
        "Upload-Length", Integer.toString(bytes.length),
        "Upload-Metadata", RawTus.metadata(film, "film.mp4"),
        "Content-Type", "application/offset+octet-stream"), slice(0, 50_000));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.headers().firstValue("Upload-Offset")).contains("50000");
    String path = r.headers().firstValue("Location").orElseThrow();
    assertThat(tus.offset(ada, path)).isEqualTo(50_000);
    assertThat(Files.readAllBytes(part(path))).isEqualTo(slice(0, 50_000));
  }

  @Test
  void patch_offsetMismatch_is409_andNothingIsWritten() throws Exception {
    String path = tus.created(ada, tus.film(ada, "Mismatch"), bytes.length);
    tus.patch(ada, path, 0, slice(0, 1000), Map.of());

    HttpResponse<String> r = tus.patch(ada, path, 500, slice(500, 1000), Map.of());

    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(r.body()).getString("error")).contains("holds 1000 bytes");
    assertThat(tus.offset(ada, path)).isEqualTo(1000);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"sha1, SHA-1", "sha256, SHA-256"})
  void patch_checksum_matchingIsKept_mismatchIs460AndDiscarded(String name, String algorithm)
      throws Exception {
    String path = tus.created(ada, tus.film(ada, "Checksum " + name), bytes.length);
    byte[] chunk = slice(0, 64_000);
    byte[] other = slice(64_000, 128_000);

    HttpResponse<String> good = tus.patch(ada, path, 0, chunk,
        Map.of("Upload-Checksum", name + " " + digest(algorithm, chunk)));
    assertThat(good.statusCode()).as(good.body()).isEqualTo(204);

    HttpResponse<String> bad = tus.patch(ada, path, 64_000, other,
        Map.of("Upload-Checksum", name + " " + digest(algorithm, chunk)));
    assertThat(bad.statusCode()).isEqualTo(460);
    assertThat(new JsonObject(bad.body()).getString("error")).contains("did not match");
    assertThat(tus.offset(ada, path)).isEqualTo(64_000);
    assertThat(Files.size(part(path))).isEqualTo(64_000);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unsupported algorithm | md5 AAAAAAAAAAAAAAAAAAAAAA==",
      "no digest             | sha256",
      "not base64            | sha256 %%%",
      "wrong digest size     | sha1 AAAA",
  })
  void patch_badChecksumHeader_is400(String label, String header) throws Exception {
    String path = tus.created(ada, tus.film(ada, "Bad checksum " + label), bytes.length);

    HttpResponse<String> r = tus.patch(ada, path, 0, slice(0, 100), Map.of("Upload-Checksum", header));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(tus.offset(ada, path)).isZero();
  }

  @Test
  void creation_overMaxSize_is413_andPatchOverrun_is413AndDiscarded() throws Exception {
    String film = tus.film(ada, "Too big");
    HttpResponse<String> tooBig = tus.create(ada, RawTus.metadata(film, "huge.mov"), ONE_MIB + 1);
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(tooBig.body()).getString("error")).contains("up to 1 MiB");

    String path = tus.created(ada, film, 1000);
    HttpResponse<String> overrun = tus.patch(ada, path, 0, slice(0, 1500), Map.of());
    assertThat(overrun.statusCode()).isEqualTo(413);
    assertThat(tus.offset(ada, path)).isZero();
  }

  @Test
  void patchOverrun_overHttp11_is413_andTheConnectionCloses() throws Exception {
    String path = tus.created(ada, tus.film(ada, "Overrun 1.1"), 1000);
    java.net.http.HttpClient http11 = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> r = http11.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(server.url() + path))
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofByteArray(slice(0, 200_000)))
        .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + ada)
        .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", "0")
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.headers().firstValue("Connection")).contains("close");
    assertThat(tus.offset(ada, path)).isZero();
  }

  @Test
  void patch_expect100Continue_isAnsweredOnceTheOffsetChecks_aMismatchGetsNoContinue()
      throws Exception {
    String path = tus.created(ada, tus.film(ada, "Expect"), 60_000);
    String head = "PATCH " + path + " HTTP/1.1\r\nHost: localhost\r\nTus-Resumable: 1.0.0\r\n"
        + "Authorization: Bearer " + ada + "\r\nContent-Type: application/offset+octet-stream\r\n"
        + "Expect: 100-continue\r\n";
    try (java.net.Socket socket = RawHttp.connect(server.url(), "127.0.0.1")) {
      // The client waits for the interim answer before sending any byte of the body.
      int interim = RawHttp.status(socket, head + "Upload-Offset: 0\r\nContent-Length: 40000");
      assertThat(interim).isEqualTo(100);
      skipRestOfHead(socket.getInputStream());
      socket.getOutputStream().write(slice(0, 40_000));
      assertThat(RawHttp.readStatus(socket.getInputStream())).isEqualTo(204);
      skipRestOfHead(socket.getInputStream());

      // Same connection, wrong offset: refused at once, without asking for the body.
      assertThat(RawHttp.status(socket, head + "Upload-Offset: 0\r\nContent-Length: 20000"))
          .isEqualTo(409);
    }
    assertThat(tus.offset(ada, path)).isEqualTo(40_000);
    assertThat(Files.readAllBytes(part(path))).isEqualTo(slice(0, 40_000));
  }

  private static void skipRestOfHead(java.io.InputStream in) throws java.io.IOException {
    // The status line's own line feed was read: the head ends at the next empty line.
    int last = '\n';
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n' && last == '\n') {
        return;
      }
      if (c != '\r') {
        last = c;
      }
    }
  }

  @Test
  void bodilessRequests_overOneHttp11Connection_eachAnswered() throws Exception {
    String path = tus.created(ada, tus.film(ada, "Keep-alive"), 10);
    java.net.http.HttpClient http11 = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    for (String method : List.of("OPTIONS", "HEAD", "HEAD", "PATCH", "HEAD", "DELETE", "HEAD")) {
      var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + path))
          .timeout(java.time.Duration.ofSeconds(10))
          .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + ada);
      if (method.equals("PATCH")) {
        b.method(method, java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[4]))
            .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", "0");
      } else {
        b.method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> r = http11.send(b.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(method).isIn(200, 204, 404);
    }
    assertThat(tus.head(ada, path).statusCode()).isEqualTo(404);
  }

  @Test
  void termination_is204_thenTheUploadIs404AndItsFileGone() throws Exception {
    String path = tus.created(ada, tus.film(ada, "Terminated"), bytes.length);
    tus.patch(ada, path, 0, slice(0, 1000), Map.of());
    Path part = part(path);
    assertThat(part).exists();

    assertThat(tus.send("DELETE", path, ada, Map.of(), null).statusCode()).isEqualTo(204);

    assertThat(tus.head(ada, path).statusCode()).isEqualTo(404);
    assertThat(tus.patch(ada, path, 1000, slice(0, 10), Map.of()).statusCode()).isEqualTo(404);
    assertThat(part).doesNotExist();
  }

  @Test
  void filmDeleted_removesItsUnfinishedUpload_rowAndFile() throws Exception {
    String film = tus.film(ada, "Deleted mid-upload");
    String path = tus.created(ada, film, bytes.length);
    assertThat(tus.patch(ada, path, 0, slice(0, 1000), Map.of()).statusCode()).isEqualTo(204);
    Path part = part(path);
    assertThat(part).exists();
    String other = tus.created(ada, tus.film(ada, "Kept"), bytes.length);

    HttpResponse<String> r = server.send("DELETE", "/api/films/" + film, ada, null, "");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(part).doesNotExist();
    assertThat(tus.head(ada, path).statusCode()).isEqualTo(404);
    assertThat(tus.patch(ada, path, 1000, slice(1000, 1010), Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(part).doesNotExist();
    assertThat(tus.offset(ada, other)).isZero();
    assertThat(part(other)).exists();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {"0.2.2", "2.0.0", "-"})
  void wrongTusResumable_is412WithTusVersion(String version) throws Exception {
    String film = tus.film(ada, "Version " + version);
    java.util.HashMap<String, String> headers = new java.util.HashMap<>();
    headers.put("Tus-Resumable", version);
    headers.put("Upload-Length", "10");
    headers.put("Upload-Metadata", RawTus.metadata(film, "a.mp4"));

    HttpResponse<String> r = tus.send("POST", "/api/uploads", ada, headers, new byte[0]);

    assertThat(r.statusCode()).isEqualTo(412);
    assertThat(r.headers().firstValue("Tus-Version")).contains("1.0.0");
    assertThat(new JsonObject(r.body()).getString("error")).contains("Tus-Resumable: 1.0.0");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {"application/octet-stream", "application/json", "-"})
  void patch_wrongContentType_is415(String type) throws Exception {
    String path = tus.created(ada, tus.film(ada, "Type " + type), bytes.length);
    java.util.HashMap<String, String> headers = new java.util.HashMap<>();
    headers.put("Content-Type", type);

    HttpResponse<String> r = tus.patch(ada, path, 0, slice(0, 100), headers);

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(tus.offset(ada, path)).isZero();
  }

  @Test
  void anotherFilmmakersFilmOrUpload_is404() throws Exception {
    String adasFilm = tus.film(ada, "Ada's own");
    assertThat(tus.create(bob, RawTus.metadata(adasFilm, "x.mp4"), 10).statusCode()).isEqualTo(404);
    assertThat(tus.create(ada, RawTus.metadata("AAAAAAAAAAAA", "x.mp4"), 10).statusCode()).isEqualTo(404);

    String path = tus.created(ada, adasFilm, bytes.length);
    assertThat(tus.head(bob, path).statusCode()).isEqualTo(404);
    assertThat(tus.patch(bob, path, 0, slice(0, 10), Map.of()).statusCode()).isEqualTo(404);
    assertThat(tus.send("DELETE", path, bob, Map.of(), null).statusCode()).isEqualTo(404);
    assertThat(tus.offset(ada, path)).isZero();
  }

  @Test
  void anonymous_is401_everywhere() throws Exception {
    String path = tus.created(ada, tus.film(ada, "Anonymous"), bytes.length);

    HttpResponse<String> create = tus.create(null, RawTus.metadata("AAAAAAAAAAAA", "x.mp4"), 10);
    assertThat(create.statusCode()).isEqualTo(401);
    assertThat(create.headers().firstValue("Tus-Resumable")).contains("1.0.0");
    assertThat(new JsonObject(create.body()).getString("error")).contains("Sign in");
    assertThat(tus.head(null, path).statusCode()).isEqualTo(401);
    assertThat(tus.patch(null, path, 0, slice(0, 10), Map.of()).statusCode()).isEqualTo(401);
    assertThat(tus.send("DELETE", path, null, Map.of(), null).statusCode()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "no length               | -   | -",
      "deferred length         | -   | 1",
      "negative length         | -1  | -",
      "length not a number     | ten | -",
  })
  void creation_withoutAUsableLength_is400(String label, String length, String defer)
      throws Exception {
    String film = tus.film(ada, "Length " + label);
    java.util.HashMap<String, String> headers = new java.util.HashMap<>();
    headers.put("Upload-Length", length);
    headers.put("Upload-Defer-Length", defer);
    headers.put("Upload-Metadata", RawTus.metadata(film, "a.mp4"));

    HttpResponse<String> r = tus.send("POST", "/api/uploads", ada, headers, new byte[0]);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("error")).contains("Upload-Length");
  }

  private byte[] slice(int from, int to) {
    return java.util.Arrays.copyOfRange(bytes, from, to);
  }

  private Path part(String path) {
    return work.resolve("data/uploads").resolve(path.substring(path.lastIndexOf('/') + 1) + ".part");
  }

  private static String digest(String algorithm, byte[] data) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(data));
  }
}
