package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.app.DataDirLock;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.testing.Cli;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.TestServer;

/** {@code backup}, {@code restore} and {@code export} as an operator runs them. */
class OperationsCliTest {
  @TempDir Path work;

  @Test
  void backupExportRestore_roundTrip_andRestoreRefusesBesideARunningServer() throws Exception {
    Path data = work.resolve("data");
    try (Screenroom app = Screenroom.open(TestServer.config(data, Map.of()), Clock.systemUTC())) {
      String admin = app.accounts().findByUsername("admin").orElseThrow().id();
      app.films().create(admin, FilmMetadata.titled("Kept <b>verbatim</b>", Visibility.PUBLIC));
    }
    String[] common = {"--data", data.toString(), "--cache-dir", Media.CACHE.toString()};

    Cli.Result backup = Cli.run(work, concat(new String[] {"backup", work.resolve("b/catalog.db").toString()}, common));
    Cli.Result export = Cli.run(work, concat(new String[] {"export", work.resolve("films.json").toString()}, common));
    try (Screenroom app = Screenroom.open(TestServer.config(data, Map.of()), Clock.systemUTC())) {
      String admin = app.accounts().findByUsername("admin").orElseThrow().id();
      app.films().create(admin, FilmMetadata.titled("Added after the backup", Visibility.PUBLIC));
    }
    Cli.Result refused;
    try (DataDirLock running = DataDirLock.tryAcquire(data).orElseThrow()) {
      refused = Cli.run(work, concat(new String[] {"restore", work.resolve("b/catalog.db").toString()}, common));
    }
    Cli.Result restored = Cli.run(work, concat(new String[] {"restore", work.resolve("b/catalog.db").toString()}, common));

    assertThat(backup.exitCode()).as(backup.stderr()).isZero();
    assertThat(backup.stdout()).contains("integrity check ok");
    assertThat(export.exitCode()).as(export.stderr()).isZero();
    JsonObject exported = new JsonObject(Files.readString(work.resolve("films.json")));
    assertThat(exported.getJsonArray("films")).hasSize(1);
    assertThat(exported.getJsonArray("films").getJsonObject(0).getString("title")).isEqualTo("Kept <b>verbatim</b>");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).contains("server is running", "stop it");
    assertThat(restored.exitCode()).as(restored.stderr()).isZero();
    try (Screenroom app = Screenroom.open(TestServer.config(data, Map.of()), Clock.systemUTC())) {
      assertThat(app.films().count()).isEqualTo(1);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
