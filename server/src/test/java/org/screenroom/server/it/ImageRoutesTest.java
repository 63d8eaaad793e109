package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.account.Role;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.TestServer;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;

/** Posters and stills over real HTTP, with real images made and probed by ffmpeg. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageRoutesTest {
  @TempDir static Path work;
  private final HttpClient http = HttpClient.newHttpClient();
  private TestServer server;
  private String ada;
  private String bob;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), Clock.systemUTC());
    server.app().accounts().create("ada", "ada-password", Role.FILMMAKER);
    server.app().accounts().create("bob", "bob-password", Role.FILMMAKER);
    ada = server.token("ada", "ada-password");
    bob = server.token("bob", "bob-password");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A one-frame test pattern written by ffmpeg; the extension picks the codec. */
  private static Path image(String name, int w, int h) throws Exception {
    Path out = work.resolve(name);
    new ProcessRunner().run(ProcessRequest.of(List.of(Media.tools().ffmpeg().toString(),
        "-hide_banner", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc2=size=" + w + "x" + h,
        "-frames:v", "1", out.toString()), Media.tools().environment(), Duration.ofMinutes(1)));
    return out;
  }

  private String film(String visibility) throws Exception {
    HttpResponse<String> r = server.send("POST", "/api/films", ada, "application/json",
        new JsonObject().put("title", "Pictures").put("visibility", visibility).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("id");
  }

  private HttpResponse<String> upload(String method, String path, String token, String type,
      byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", type);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> fetch(String path, String token, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Width and height of a served JPEG, measured by ffprobe on a copy. */
  private static List<Integer> probeSize(byte[] jpeg) throws Exception {
    Path copy = Files.createTempFile(work, "served-", ".jpg");
    Files.write(copy, jpeg);
    JsonObject stream = Media.probe(copy.toString()).getJsonArray("streams").getJsonObject(0);
    assertThat(stream.getString("codec_name")).isEqualTo("mjpeg");
    return List.of(stream.getInteger("width"), stream.getInteger("height"));
  }

  @ParameterizedTest(name = "{0} {1}x{2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "poster.png | 1000 | 600  | image/png  | 320x192,640x384",
      "still.jpg  | 2000 | 1000 | image/jpeg | 320x160,640x320,1280x640",
      "small.webp | 200  | 100  | image/webp | 200x100"})
  void poster_isResizedToWidthsThatNeverUpscale_andKeepTheAspect(String file, int w, int h,
      String type, String expected) throws Exception {
    String id = film("draft");
    byte[] bytes = Files.readAllBytes(image(file, w, h));

    HttpResponse<String> r = upload("PUT", "/api/films/" + id + "/poster", ada, type, bytes);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject urls = new JsonObject(r.body()).getJsonObject("urls");
    List<String> sizes = new ArrayList<>();
    for (String width : urls.fieldNames()) {
      HttpResponse<byte[]> served = fetch(urls.getString(width), ada, Map.of());
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().firstValue("Content-Type")).contains("image/jpeg");
      List<Integer> size = probeSize(served.body());
      assertThat(size.get(0)).isEqualTo(Integer.parseInt(width));
      sizes.add(size.get(0) + "x" + size.get(1));
    }
    assertThat(sizes).containsExactlyInAnyOrder(expected.split(","));
    JsonObject filmJson = new JsonObject(server.get("/api/films/" + id, ada).body());
    assertThat(filmJson.getJsonObject("poster").getJsonObject("urls")).isEqualTo(urls);
  }

  @Test
  void images_followTheFilmsVisibility_andAreCachedWithAnEtag() throws Exception {
    String id = film("draft");
    JsonObject poster = new JsonObject(upload("PUT", "/api/films/" + id + "/poster", ada,
        "image/png", Files.readAllBytes(image("v.png", 400, 300))).body());
    String url = poster.getJsonObject("urls").getString("320");

    assertThat(fetch(url, null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(fetch(url, bob, Map.of()).statusCode()).isEqualTo(404);
    HttpResponse<byte[]> own = fetch(url, ada, Map.of());
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.headers().firstValue("Cache-Control")).contains("private, max-age=31536000, immutable");

    server.send("PATCH", "/api/films/" + id, ada, "application/json", "{\"visibility\":\"public\"}");
    HttpResponse<byte[]> anonymous = fetch(url, null, Map.of());
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
    String etag = anonymous.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> again = fetch(url, null, Map.of("If-None-Match", etag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(fetch(url.replace("-320.jpg", "-640.jpg"), null, Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void stills_addAndDelete_andAReplacedPosterIsGone() throws Exception {
    String id = film("public");
    byte[] png = Files.readAllBytes(image("s.png", 700, 400));
    HttpResponse<String> first = upload("POST", "/api/films/" + id + "/stills", ada, "image/png", png);
    HttpResponse<String> second = upload("POST", "/api/films/" + id + "/stills", ada, "image/png", png);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    String firstId = new JsonObject(first.body()).getString("id");
    String secondId = new JsonObject(second.body()).getString("id");
    assertThat(new JsonObject(server.get("/api/films/" + id, null).body()).getJsonArray("stills")
        .stream().map(s -> ((JsonObject) s).getString("id")).toList()).containsExactly(firstId, secondId);

    assertThat(server.send("DELETE", "/api/films/" + id + "/stills/" + firstId, bob, null, "")
        .statusCode()).isEqualTo(404);
    assertThat(server.send("DELETE", "/api/films/" + id + "/stills/" + firstId, ada, null, "")
        .statusCode()).isEqualTo(204);
    assertThat(fetch("/images/" + id + "/" + firstId + "-320.jpg", ada, Map.of()).statusCode()).isEqualTo(404);
    assertThat(Files.exists(server.app().files().imagesDir(id).resolve(firstId + "-320.jpg"))).isFalse();

    String oldPoster = new JsonObject(upload("PUT", "/api/films/" + id + "/poster", ada, "image/png", png)
        .body()).getString("id");
    upload("PUT", "/api/films/" + id + "/poster", ada, "image/png", png);
    assertThat(fetch("/images/" + id + "/" + oldPoster + "-320.jpg", null, Map.of()).statusCode()).isEqualTo(404);
    assertThat(Files.exists(server.app().files().imagesDir(id).resolve(oldPoster + "-320.jpg"))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "text declared as jpeg | image/jpeg      | 400",
      "text declared as png  | image/png       | 400",
      "text declared as webp | image/webp      | 400",
      "a gif type            | image/gif       | 415",
      "svg                   | image/svg+xml   | 415",
      "no image type         | text/plain      | 415"})
  void upload_notAnImage_isRefusedWithASentence(String label, String type, int status)
      throws Exception {
    String id = film("draft");
    byte[] text = "#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\nfile:///etc/passwd\n"
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> r = upload("POST", "/api/films/" + id + "/stills", ada, type, text);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(new JsonObject(r.body()).getString("error")).isNotBlank();
    assertThat(new JsonObject(server.get("/api/films/" + id, ada).body()).getJsonArray("stills")).isEmpty();
  }

  @Test
  void upload_truncatedJpeg_isRefused() throws Exception {
    String id = film("draft");
    byte[] jpeg = Files.readAllBytes(image("t.jpg", 640, 360));

    HttpResponse<String> r = upload("PUT", "/api/films/" + id + "/poster", ada, "image/jpeg",
        java.util.Arrays.copyOf(jpeg, 600));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
  }

  @Test
  void upload_over20MB_is413_andTheServerKeepsServing() throws Exception {
    String id = film("draft");

    HttpResponse<String> r = upload("PUT", "/api/films/" + id + "/poster", ada, "image/png",
        new byte[21 * 1024 * 1024]);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(new JsonObject(r.body()).getString("error")).contains("20 MB");
    assertThat(server.get("/health/live", null).statusCode()).isEqualTo(200);
  }

  @Test
  void upload_byAnotherFilmmakerOrAnonymous_isRefused() throws Exception {
    String id = film("public");
    byte[] png = Files.readAllBytes(image("o.png", 320, 200));

    assertThat(upload("PUT", "/api/films/" + id + "/poster", bob, "image/png", png).statusCode())
        .isEqualTo(404);
    assertThat(upload("PUT", "/api/films/" + id + "/poster", null, "image/png", png).statusCode())
        .isEqualTo(401);
  }
}
