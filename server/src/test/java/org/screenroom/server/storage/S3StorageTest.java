package org.screenroom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.screenroom.server.storage.StorageSettings.Delivery;
import org.screenroom.server.testing.S3Server;

/**
 * The {@link StorageContract} against a real S3 API server (s3proxy, signatures checked), under
 * a key prefix, plus presigned URLs and the prefix staying inside the bucket.
 */
class S3StorageTest extends StorageContract {
  private static S3Server server;
  private S3Storage storage;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3Server.start("screenroom-contract");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void open() throws Exception {
    storage = S3Storage.connect(server.settings("tenant/", Delivery.PROXY));
  }

  @AfterEach
  void empty() throws Exception {
    storage.deleteAll("");
    storage.close();
  }

  @Override
  Storage storage() {
    return storage;
  }

  @Test
  void keys_liveUnderTheConfiguredPrefix_inTheBucket() throws Exception {
    storage.put("films/a1/package/master.m3u8", Files.writeString(work.resolve("m"), "#EXTM3U"));

    assertThat(server.blobs().blobExists(server.bucket(), "tenant/films/a1/package/master.m3u8"))
        .isTrue();
    assertThat(storage.remote()).isTrue();
    assertThat(storage.localPath("films/a1/package/master.m3u8")).isEmpty();
  }

  @Test
  void presign_answersAUrlAnyoneCanGet_withRangeHonoured() throws Exception {
    storage.put("films/a1/package/v0/seg_1.m4s", Files.writeString(work.resolve("s"), "0123456789"));
    URI url = storage.presign("films/a1/package/v0/seg_1.m4s", Duration.ofMinutes(1)).orElseThrow();
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> whole = http.send(HttpRequest.newBuilder(url).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> part = http.send(HttpRequest.newBuilder(url).header("Range", "bytes=2-4")
        .build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(
        URI.create(url.toString().replace("seg_1", "seg_2"))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo("0123456789");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo("234");
    assertThat(tampered.statusCode()).isEqualTo(403);
  }
}
