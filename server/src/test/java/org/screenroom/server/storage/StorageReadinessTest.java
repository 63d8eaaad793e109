package org.screenroom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.S3Server;
import org.screenroom.server.testing.TestServer;

/**
 * {@code /health/ready} with a bucket: ready while s3proxy answers, still ready from the cached
 * answer right after it stops (a probe does not reach the bucket every time), 503 naming the
 * storage once the cached answer is older than {@link StorageHealth#TTL}. On local disk the
 * storage is reported {@code ok} without any request.
 */
class StorageReadinessTest {
  @TempDir Path work;

  @Test
  void ready_followsTheBucket_throughACachedAnswer() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    S3Server s3 = S3Server.start("screenroom-health");
    boolean stopped = false;
    try (TestServer server = TestServer.start(work.resolve("data"), clock,
        s3.config("", "proxy"))) {
      HttpResponse<String> up = server.get("/health/ready", null);
      assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
      JsonObject body = new JsonObject(up.body());
      assertThat(body.getJsonObject("storage").getString("kind")).isEqualTo("s3");
      assertThat(body.getJsonObject("storage").getString("status")).isEqualTo("ok");

      s3.close();
      stopped = true;
      HttpResponse<String> cached = server.get("/health/ready", null);
      assertThat(cached.statusCode()).as("answered from the cache, within the TTL")
          .isEqualTo(200);

      clock.advance(StorageHealth.TTL);
      HttpResponse<String> down = server.get("/health/ready", null);
      assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
      JsonObject failed = new JsonObject(down.body());
      assertThat(failed.getString("status")).isEqualTo("unavailable");
      assertThat(failed.getJsonObject("storage").getString("status")).isEqualTo("unavailable");
      assertThat(failed.getString("error")).contains("s3 storage does not answer");
      assertThat(failed.getString("catalog")).isEqualTo("ok");
    } finally {
      if (!stopped) {
        s3.close();
      }
    }
  }

  @Test
  void localStorage_isReportedOk() throws Exception {
    try (TestServer server = TestServer.start(work.resolve("local"),
        new MutableClock(Instant.parse("2026-06-01T12:00:00Z")))) {
      HttpResponse<String> ready = server.get("/health/ready", null);
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      JsonObject storage = new JsonObject(ready.body()).getJsonObject("storage");
      assertThat(storage.getString("kind")).isEqualTo("local");
      assertThat(storage.getString("status")).isEqualTo("ok");
    }
  }
}
