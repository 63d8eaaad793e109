package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.testing.MutableClock;
import org.screenroom.server.testing.TestServer;

/**
 * Visibility x caller x release window, over HTTP with an injected clock: what each caller gets
 * from the film API, the playback URL, the anonymous listing and the film page's share tags.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisibilityMatrixTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  @TempDir static Path work;
  private final MutableClock clock = new MutableClock(NOW);
  private TestServer server;
  private final Map<String, String> tokens = new java.util.HashMap<>();
  private final Map<String, String> filmIds = new java.util.HashMap<>();

  enum Window {
    OPEN(null, null), BEFORE(NOW.plus(Duration.ofDays(1)), null), AFTER(null, NOW.minus(Duration.ofDays(1)));

    final Instant from;
    final Instant until;

    Window(Instant from, Instant until) {
      this.from = from;
      this.until = until;
    }
  }

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), clock);
    var app = server.app();
    String owner = app.accounts().create("owner", "owner-password", Role.FILMMAKER).id();
    app.accounts().create("other", "other-password", Role.FILMMAKER);
    tokens.put("owner", server.token("owner", "owner-password"));
    tokens.put("other", server.token("other", "other-password"));
    tokens.put("admin", server.token("admin", TestServer.ADMIN_PASSWORD));
    for (Visibility v : Visibility.values()) {
      for (Window w : Window.values()) {
        Film film = app.films().create(owner, new FilmMetadata("Film " + v + " " + w, null, null,
            null, List.of(), List.of(), v, Optional.ofNullable(w.from), Optional.ofNullable(w.until)));
        app.films().markReady(film.id(), List.of(), Duration.ofSeconds(4));
        filmIds.put(v + "/" + w, film.id());
      }
    }
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** visibility, window, caller, GET film status, GET playback status. */
  static Stream<Arguments> matrix() {
    List<Arguments> rows = new ArrayList<>();
    for (Visibility v : Visibility.values()) {
      for (Window w : Window.values()) {
        for (String caller : List.of("anonymous", "other", "owner", "admin")) {
          boolean privileged = caller.equals("owner") || caller.equals("admin");
          boolean linkOpen = v == Visibility.UNLISTED || v == Visibility.PUBLIC;
          int get = privileged || linkOpen ? 200 : 404;
          int playback = get == 404 ? 404
              : privileged || w == Window.OPEN ? 200
              : w == Window.BEFORE ? 403 : 410;
          rows.add(Arguments.of(v, w, caller, get, playback));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1} as {2}: film {3}, playback {4}")
  @MethodSource("matrix")
  void film_andPlayback_followVisibilityRoleAndWindow(Visibility visibility, Window window,
      String caller, int getStatus, int playbackStatus) throws Exception {
    String id = filmIds.get(visibility + "/" + window);
    String token = tokens.get(caller);

    assertThat(server.get("/api/films/" + id, token).statusCode()).isEqualTo(getStatus);
    var playback = server.get("/api/films/" + id + "/playback", token);
    assertThat(playback.statusCode()).as(playback.body()).isEqualTo(playbackStatus);
    if (playbackStatus != 200) {
      assertThat(new JsonObject(playback.body()).getString("error")).isNotBlank();
    }
  }

  @ParameterizedTest(name = "anonymous listing and page of {0} {1}")
  @MethodSource("everyFilm")
  void anonymousListingAndShareTags_onlyForWhatAnyoneMaySee(Visibility visibility, Window window)
      throws Exception {
    String id = filmIds.get(visibility + "/" + window);
    List<String> listed = new JsonObject(server.get("/api/films?limit=200", null).body())
        .getJsonArray("items").stream().map(f -> ((JsonObject) f).getString("id")).toList();
    String page = server.get("/films/" + id, null).body();
    String sitemap = server.get("/sitemap.xml", null).body();
    var oembed = server.get("/oembed?url=" + java.net.URLEncoder.encode(server.url() + "/films/" + id,
        java.nio.charset.StandardCharsets.UTF_8), null);

    boolean listable = visibility == Visibility.PUBLIC && window == Window.OPEN;
    boolean shareable = visibility == Visibility.PUBLIC || visibility == Visibility.UNLISTED;
    assertThat(listed.contains(id)).isEqualTo(listable);
    assertThat(sitemap.contains("/films/" + id)).isEqualTo(listable);
    assertThat(page.contains("og:title")).isEqualTo(shareable);
    assertThat(page.contains("Film " + visibility)).isEqualTo(shareable);
    assertThat(oembed.statusCode()).isEqualTo(shareable ? 200 : 404);
  }

  static Stream<Arguments> everyFilm() {
    return Stream.of(Visibility.values()).flatMap(v -> Stream.of(Window.values()).map(w -> Arguments.of(v, w)));
  }
}
