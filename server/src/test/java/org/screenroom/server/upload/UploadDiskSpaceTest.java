package org.screenroom.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/**
 * The free-disk refusal through a real server: {@code --min-free-disk} set above any real disk's
 * free space stands in for a full disk, so the refusal is exercised without filling one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadDiskSpaceTest {
  /** More than any disk this test runs on has free. */
  private static final String ABOVE_ANY_DISK = "999999TiB";
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private TestServer server;
  private RawTus tus;
  private String admin;

  @BeforeAll
  void start() {
    server = TestServer.start(work.resolve("data"), clock, Map.of("min-free-disk", ABOVE_ANY_DISK));
    tus = new RawTus(server);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void creation_whenTheDiskCannotKeepItsReserve_is507WithASentence_andNothingIsKept()
      throws Exception {
    admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    String film = tus.film(admin, "Too big for this disk");

    HttpResponse<String> r = tus.create(admin, RawTus.metadata(film, "film.mov"), 1 << 20);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(507);
    assertThat(new JsonObject(r.body()).getString("error"))
        .contains("of free disk space, not enough for this 1 MiB upload")
        .contains("administrator");
    assertThat(r.headers().firstValue("Location")).isEmpty();
    assertThat(partFiles()).isEmpty();
    // The film is untouched and the server goes on answering.
    HttpResponse<String> f = server.get("/api/films/" + film, admin);
    assertThat(new JsonObject(f.body()).getString("status")).isEqualTo("draft");
  }

  @Test
  void creationWithUpload_whenTheDiskCannotKeepItsReserve_is507_andItsBodyIsNotStored()
      throws Exception {
    admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    String film = tus.film(admin, "Too big, sent at once");

    HttpResponse<String> r = tus.send("POST", "/api/uploads", admin, Map.of(
        "Upload-Length", "1000", "Upload-Metadata", RawTus.metadata(film, "film.mov"),
        "Content-Type", "application/offset+octet-stream"), new byte[1000]);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(507);
    assertThat(partFiles()).isEmpty();
  }

  private java.util.List<Path> partFiles() throws Exception {
    Path dir = work.resolve("data/uploads");
    if (!Files.exists(dir)) {
      return java.util.List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
