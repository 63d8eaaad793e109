package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.testing.Await;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/** The jobs API over real HTTP: history, one job, cancel, retry, the admin's queue, who sees what. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobApiTest {
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
  private TestServer server;
  private Path clip;
  private String admin;
  private String ada;
  private String bob;
  private String filmId;
  private String jobId;

  @BeforeAll
  void start() throws Exception {
    clip = Media.clip(work.resolve("clip.mp4"), 4, 320, 240, true);
    server = TestServer.start(work.resolve("data"), clock);
    admin = server.token("admin", TestServer.ADMIN_PASSWORD);
    for (String name : List.of("ada", "bob")) {
      server.send("POST", "/api/accounts", admin, "application/json",
          new JsonObject().put("username", name).put("password", name + "-password").encode());
    }
    ada = server.token("ada", "ada-password");
    bob = server.token("bob", "bob-password");
    filmId = adasFilm(clip);
    jobId = server.server().queue().orElseThrow().submit(filmId).id();
    awaitState(jobId, "done");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private String adasFilm(Path master) throws Exception {
    String owner = server.app().accounts().findByUsername("ada").orElseThrow().id();
    String id = server.app().films().create(owner, FilmMetadata.titled("Ada's film", Visibility.PRIVATE)).id();
    server.app().ingestor().storeMaster(id, master, master.getFileName().toString());
    return id;
  }

  private JsonObject awaitState(String id, String state) {
    return Await.until(Duration.ofMinutes(2), "job " + id + " " + state, () -> {
      JsonObject job = new JsonObject(server.get("/api/jobs/" + id, admin).body());
      return Optional.of(job).filter(j -> state.equals(j.getString("state")));
    });
  }

  @Test
  void filmJobs_ownerSeesHistoryWithoutDetail_adminWithDetail_othersGet404() throws Exception {
    HttpResponse<String> own = server.get("/api/films/" + filmId + "/jobs", ada);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
    JsonArray items = new JsonObject(own.body()).getJsonArray("items");
    assertThat(items).hasSize(1);
    JsonObject job = items.getJsonObject(0);
    assertThat(job.getString("id")).isEqualTo(jobId);
    assertThat(job.getString("filmId")).isEqualTo(filmId);
    assertThat(job.getString("state")).isEqualTo("done");
    assertThat(job.getInteger("attempt")).isEqualTo(1);
    assertThat(job.getInteger("progressPercent")).isEqualTo(100);
    assertThat(job.getString("finishedAt")).isNotNull();
    assertThat(job.containsKey("detail")).as("detail is for admins").isFalse();

    JsonObject asAdmin = new JsonObject(server.get("/api/films/" + filmId + "/jobs", admin).body())
        .getJsonArray("items").getJsonObject(0);
    assertThat(asAdmin.containsKey("detail")).isTrue();

    assertThat(server.get("/api/films/" + filmId + "/jobs", bob).statusCode()).isEqualTo(404);
    assertThat(server.get("/api/films/" + filmId + "/jobs", null).statusCode()).isEqualTo(401);
    assertThat(server.get("/api/jobs/" + jobId, ada).statusCode()).isEqualTo(200);
    assertThat(server.get("/api/jobs/" + jobId, bob).statusCode()).isEqualTo(404);
    assertThat(server.send("POST", "/api/jobs/" + jobId + "/cancel", bob, null, "").statusCode())
        .isEqualTo(404);
    assertThat(server.send("POST", "/api/jobs/" + jobId + "/retry", bob, null, "").statusCode())
        .isEqualTo(404);
    assertThat(server.get("/api/films/" + filmId, ada).body()).contains("\"progress\":100");
  }

  @Test
  void doneJob_cancelAndRetry_are409() throws Exception {
    HttpResponse<String> cancel = server.send("POST", "/api/jobs/" + jobId + "/cancel", ada, null, "");
    HttpResponse<String> retry = server.send("POST", "/api/jobs/" + jobId + "/retry", ada, null, "");

    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(409);
    assertThat(new JsonObject(cancel.body()).getString("error")).contains("done");
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(409);
  }

  @Test
  void failedJob_retry_is202WithTheNextAttempt_andTheFailureIsExplained() throws Exception {
    Path text = work.resolve("notes.mov");
    java.nio.file.Files.writeString(text, "not a film at all");
    String broken = adasFilm(text);
    String failedId = server.server().queue().orElseThrow().submit(broken).id();
    JsonObject failed = awaitState(failedId, "failed");
    assertThat(failed.getString("error")).isNotBlank();
    JsonObject film = new JsonObject(server.get("/api/films/" + broken, ada).body());
    assertThat(film.getString("status")).isEqualTo("failed");
    assertThat(film.getString("error")).isEqualTo(failed.getString("error"));

    HttpResponse<String> retry = server.send("POST", "/api/jobs/" + failedId + "/retry", ada, null, "");

    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
    JsonObject next = new JsonObject(retry.body());
    assertThat(next.getInteger("attempt")).isEqualTo(2);
    assertThat(next.getString("state")).isIn("queued", "running", "failed");
    assertThat(retry.headers().firstValue("Location")).contains("/api/jobs/" + next.getString("id"));
    awaitState(next.getString("id"), "failed");
    JsonArray history = new JsonObject(server.get("/api/films/" + broken + "/jobs", ada).body())
        .getJsonArray("items");
    assertThat(history.stream().map(o -> ((JsonObject) o).getInteger("attempt"))).containsExactly(2, 1);
  }

  @Test
  void cancel_justSubmittedJob_is202_andEndsCancelled() throws Exception {
    String longFilm = adasFilm(Media.clip(work.resolve("long.mp4"), 30, 1280, 720, true));
    String id = server.server().queue().orElseThrow().submit(longFilm).id();

    HttpResponse<String> cancel = server.send("POST", "/api/jobs/" + id + "/cancel", ada, null, "");

    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    JsonObject job = awaitState(id, "cancelled");
    assertThat(job.getString("error")).contains("cancelled");
    JsonObject film = new JsonObject(server.get("/api/films/" + longFilm, ada).body());
    assertThat(film.getString("status")).isEqualTo("failed");
    assertThat(server.app().files().packageDir(longFilm)).doesNotExist();
    assertThat(org.screenroom.server.testing.PackagedFilm.versionEntries(server.app(), longFilm))
        .isEmpty();
  }

  @Test
  void again_readyFilm_queuesTheNextAttempt_whileTheFilmStaysReady_thenSwitchesVersion()
      throws Exception {
    String film = adasFilm(clip);
    awaitState(server.server().queue().orElseThrow().submit(film).id(), "done");
    var versions = new org.screenroom.catalog.film.PackageVersionStore(server.app().database());
    String before = versions.current(film).orElseThrow();

    HttpResponse<String> again = server.send("POST", "/api/films/" + film + "/jobs", ada, null, "");

    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    JsonObject job = new JsonObject(again.body());
    assertThat(job.getInteger("attempt")).isEqualTo(2);
    assertThat(job.getString("filmId")).isEqualTo(film);
    assertThat(again.headers().firstValue("Location")).contains("/api/jobs/" + job.getString("id"));
    assertThat(new JsonObject(server.get("/api/films/" + film, ada).body()).getString("status"))
        .as("viewers keep the current version while the next is prepared").isEqualTo("ready");
    awaitState(job.getString("id"), "done");
    assertThat(new JsonObject(server.get("/api/films/" + film, ada).body()).getString("status"))
        .isEqualTo("ready");
    assertThat(versions.current(film)).isPresent().get().isNotEqualTo(before);
    assertThat(new JsonObject(server.get("/api/films/" + film + "/jobs", ada).body())
        .getJsonArray("items").stream().map(o -> ((JsonObject) o).getInteger("attempt")))
        .containsExactly(2, 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "another filmmaker's film, bob,   ready,   404",
      "anonymous caller,         ,      ready,   401",
      "film without original,    ada,   draft,   409",
      "unknown film,             ada,   unknown, 404",
      "hostile film id,          admin, hostile, 404",
  })
  void again_refusals(String label, String who, String kind, int status) throws Exception {
    String film = switch (kind) {
      case "ready" -> filmId;
      case "draft" -> server.app().films().create(
          server.app().accounts().findByUsername("ada").orElseThrow().id(),
          FilmMetadata.titled("No original", Visibility.PRIVATE)).id();
      case "unknown" -> "AAAAAAAAAAAA";
      default -> "..%2f..%2fcatalog.db";
    };
    String token = who == null ? null : switch (who) {
      case "ada" -> ada;
      case "bob" -> bob;
      default -> admin;
    };
    int jobsBefore = server.app().jobs().forFilm(filmId).size();

    HttpResponse<String> again = server.send("POST", "/api/films/" + film + "/jobs", token, null, "");

    assertThat(again.statusCode()).as(again.body()).isEqualTo(status);
    assertThat(new JsonObject(again.body()).getString("error")).isNotBlank();
    assertThat(server.app().jobs().forFilm(filmId)).as("nothing queued").hasSize(jobsBefore);
    if (kind.equals("draft")) {
      assertThat(server.app().jobs().forFilm(film)).isEmpty();
      assertThat(new JsonObject(again.body()).getString("error")).contains("upload one first");
    }
  }

  @Test
  void again_whileAJobIsActive_is409NamingIt_andQueuesNothing() throws Exception {
    String longFilm = adasFilm(Media.clip(work.resolve("long-again.mp4"), 30, 1280, 720, true));
    String id = server.server().queue().orElseThrow().submit(longFilm).id();
    try {
      HttpResponse<String> again =
          server.send("POST", "/api/films/" + longFilm + "/jobs", ada, null, "");

      assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
      assertThat(new JsonObject(again.body()).getString("error")).contains(id);
      assertThat(server.app().jobs().forFilm(longFilm)).extracting(j -> j.id()).containsExactly(id);
    } finally {
      server.send("POST", "/api/jobs/" + id + "/cancel", ada, null, "");
      awaitState(id, "cancelled");
    }
  }

  @Test
  void adminList_filtersByState_filmmakersGet403() throws Exception {
    HttpResponse<String> all = server.get("/api/jobs?state=done", admin);
    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    assertThat(all.body()).contains(jobId);
    assertThat(new JsonObject(server.get("/api/jobs?state=queued", admin).body())
        .getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("state")))
        .allMatch("queued"::equals);

    assertThat(server.get("/api/jobs", ada).statusCode()).isEqualTo(403);
    assertThat(server.get("/api/jobs", null).statusCode()).isEqualTo(401);
    HttpResponse<String> bad = server.get("/api/jobs?state=sleeping", admin);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("field")).isEqualTo("state");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nope", "AAAAAAAAAAAA", "..%2f..%2fcatalog.db", "%00"})
  void unknownJobIds_are404(String id) throws Exception {
    assertThat(server.get("/api/jobs/" + id, admin).statusCode()).isEqualTo(404);
    assertThat(server.send("POST", "/api/jobs/" + id + "/cancel", admin, null, "").statusCode())
        .isEqualTo(404);
  }
}
