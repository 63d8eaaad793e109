package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.account.Role;
import org.screenroom.catalog.film.FilmMetadata;
import org.screenroom.catalog.film.Visibility;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.TestServer;
import org.screenroom.transcode.ProgressListener;
import org.screenroom.transcode.process.CancelSignal;

/**
 * Subtitles per language over real HTTP: a ready film's served master playlist and DASH
 * manifest gain and lose the track at once (through the hot path's package index), ffprobe
 * reads the served WebVTT, and bad input answers a sentence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubtitleApiTest {
  private static final String SRT = "1\r\n00:00:00,500 --> 00:00:01,800\r\nBonsoir.\r\n";
  @TempDir static Path work;
  private TestServer server;
  private String ada;
  private String bob;
  private String readyFilm;

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(work.resolve("data"), Clock.systemUTC());
    var adaAccount = server.app().accounts().create("ada", "ada-password", Role.FILMMAKER);
    server.app().accounts().create("bob", "bob-password", Role.FILMMAKER);
    ada = server.token("ada", "ada-password");
    bob = server.token("bob", "bob-password");
    readyFilm = server.app().films().create(adaAccount.id(),
        FilmMetadata.titled("Subtitled", Visibility.PUBLIC)).id();
    var ingestor = server.app().ingestor();
    ingestor.storeMaster(readyFilm, Media.clip(work.resolve("clip.mp4"), 2, 320, 180, true), "clip.mp4");
    assertThat(ingestor.transcode(readyFilm, ProgressListener.NONE, new CancelSignal()).status().wire())
        .isEqualTo("ready");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<String> put(String film, String language, String token, String body)
      throws Exception {
    return server.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/films/" + film
            + "/subtitles/" + language))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-subrip")
        .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1)).build());
  }

  private String served(String file) throws Exception {
    String hls = new JsonObject(server.get("/api/films/" + readyFilm + "/playback", null).body())
        .getString("hls");
    HttpResponse<String> r = server.get(hls.replace("master.m3u8", file), null);
    assertThat(r.statusCode()).as(file).isIn(200, 404);
    return r.statusCode() == 200 ? r.body() : "";
  }

  private HttpResponse<String> servedResponse(String file) throws Exception {
    String hls = new JsonObject(server.get("/api/films/" + readyFilm + "/playback", null).body())
        .getString("hls");
    HttpResponse<String> r = server.get(hls.replace("master.m3u8", file), null);
    assertThat(r.statusCode()).as(file).isEqualTo(200);
    return r;
  }

  /** The WebVTT file a DASH manifest names, under its BaseURL (the package version). */
  private static String vttFile(String mpd) {
    java.util.regex.Matcher base = java.util.regex.Pattern.compile("<BaseURL>([^<]*)</BaseURL>")
        .matcher(mpd);
    java.util.regex.Matcher file = java.util.regex.Pattern.compile(
        "<BaseURL>(subs/[^<]*\\.vtt)</BaseURL>|\"(subs/[^\"]*\\.vtt)\"").matcher(mpd);
    assertThat(base.find()).as(mpd).isTrue();
    assertThat(file.find()).as(mpd).isTrue();
    return base.group(1) + (file.group(1) != null ? file.group(1) : file.group(2));
  }

  /** The subtitle playlist an HLS master names. */
  private static String subtitlePlaylist(String master) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "TYPE=SUBTITLES,.*URI=\"([^\"]+)\"").matcher(master);
    assertThat(m.find()).as(master).isTrue();
    return m.group(1);
  }

  @Test
  void put_readyFilm_isServedInBothManifests_thenDeleteRemovesIt() throws Exception {
    HttpResponse<String> r = put(readyFilm, "fr?label=Fran%C3%A7ais", ada, SRT);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getJsonArray("items").getJsonObject(0).getString("label"))
        .isEqualTo("Français");

    assertThat(served("master.m3u8")).contains("TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"Français\","
        + "LANGUAGE=\"fr\"").contains("SUBTITLES=\"subs\"");
    String vtt = vttFile(served("manifest.mpd"));
    assertThat(served("manifest.mpd")).contains("contentType=\"text\"");
    assertThat(vtt).matches("[a-z0-9-]+/subs/fr_[0-9a-f]{12}\\.vtt");
    assertThat(served(vtt)).startsWith("WEBVTT").contains("00:00:00.500 --> 00:00:01.800")
        .contains("Bonsoir.");
    JsonObject probe = Media.probe(new JsonObject(server.get("/api/films/" + readyFilm
        + "/playback", null).body()).getString("hls").replace("master.m3u8", vtt));
    assertThat(probe.getJsonArray("streams").getJsonObject(0).getString("codec_name")).isEqualTo("webvtt");

    // An edit never changes the bytes behind a URL served as immutable: the manifests name new
    // files, the old URL keeps answering the old text.
    String playlist = subtitlePlaylist(served("master.m3u8"));
    HttpResponse<String> before = servedResponse(vtt);
    assertThat(before.headers().firstValue("Cache-Control")).hasValueSatisfying(
        c -> assertThat(c).contains("immutable"));
    assertThat(put(readyFilm, "fr?label=Fran%C3%A7ais", ada, SRT.replace("Bonsoir.", "Salut.")).statusCode())
        .isEqualTo(200);
    String editedVtt = vttFile(served("manifest.mpd"));
    String editedPlaylist = subtitlePlaylist(served("master.m3u8"));
    assertThat(editedVtt).isNotEqualTo(vtt);
    assertThat(editedPlaylist).isNotEqualTo(playlist);
    assertThat(served(editedVtt)).contains("Salut.").doesNotContain("Bonsoir.");
    assertThat(served(editedPlaylist)).contains(editedVtt.substring(editedVtt.lastIndexOf('/') + 1));
    assertThat(servedResponse(vtt).body()).isEqualTo(before.body());
    assertThat(served(playlist)).contains(vtt.substring(vtt.lastIndexOf('/') + 1));

    HttpResponse<String> list = server.get("/api/films/" + readyFilm + "/subtitles", ada);
    assertThat(new JsonObject(list.body()).getJsonArray("items").size()).isEqualTo(1);

    HttpResponse<String> deleted = server.send("DELETE", "/api/films/" + readyFilm + "/subtitles/fr",
        ada, null, "");
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(served("master.m3u8")).doesNotContain("SUBTITLES");
    assertThat(served("manifest.mpd")).doesNotContain("contentType=\"text\"");
  }

  @Test
  void put_draftFilm_isStoredForItsFirstPackage() throws Exception {
    HttpResponse<String> created = server.send("POST", "/api/films", ada, "application/json",
        "{\"title\":\"Later\"}");
    String draft = new JsonObject(created.body()).getString("id");
    HttpResponse<String> r = put(draft, "de", ada, SRT);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"label\":\"German\"");
    assertThat(new SubtitleStoreProbe(server).inputs(draft)).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad language | english | ada | " + "WEBVTT\\n\\n00:00.000 --> 00:01.000\\nHi | 400 | language tag",
      "one letter | e | ada | WEBVTT\\n\\n00:00.000 --> 00:01.000\\nHi | 400 | language tag",
      "underscore | en_us | ada | WEBVTT\\n\\n00:00.000 --> 00:01.000\\nHi | 400 | language tag",
      "not subtitles | en | ada | just some text | 400 | not an SRT or WebVTT",
      "vtt without cues | en | ada | WEBVTT | 400 | not an SRT or WebVTT",
      "empty body | en | ada | '' | 400 | empty",
      "someone else's film | en | bob | WEBVTT\\n\\n00:00.000 --> 00:01.000\\nHi | 404 | film",
      "label too long | en?label=" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
          + " | ada | WEBVTT\\n\\n00:00.000 --> 00:01.000\\nHi | 400 | at most 60",
  })
  void put_badInput_answersASentence(String name, String language, String who, String body,
      int status, String words) throws Exception {
    HttpResponse<String> r = put(readyFilm, language, who.equals("ada") ? ada : bob,
        body.replace("\\n", "\n"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(new JsonObject(r.body()).getString("error")).containsIgnoringCase(words);
  }

  @Test
  void delete_unknownLanguage_is404() throws Exception {
    assertThat(server.send("DELETE", "/api/films/" + readyFilm + "/subtitles/xx", ada, null, "")
        .statusCode()).isEqualTo(404);
  }

  /** Reads the stored tracks the way the ingestor does before a transcode. */
  private record SubtitleStoreProbe(TestServer server) {
    java.util.List<org.screenroom.transcode.SubtitleInput> inputs(String film) throws Exception {
      return new org.screenroom.server.subtitle.SubtitleStore(server.app().files()).inputs(film);
    }
  }
}
