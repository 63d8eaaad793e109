package org.screenroom.server.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WatchBootTest {
  private static final String TEMPLATE =
      "<html><head>\n<script type=\"module\" src=\"/assets/watch.js\"></script>\n</head><body></body></html>";
  private static final JsonObject PLAYBACK = new JsonObject()
      .put("hls", "https://x.org/play/t.o.k/F1/master.m3u8")
      .put("dash", "https://x.org/play/t.o.k/F1/manifest.mpd")
      .put("expiresAt", "2026-06-01T13:00:00Z").put("session", "S1");

  private static String block(String html) {
    String open = "<script type=\"application/json\" id=\"playback\">";
    int from = html.indexOf(open) + open.length();
    return html.substring(from, html.indexOf("</script>", from));
  }

  @Test
  void render_putsTheAnswerAndAManifestPreloadIntoTheHead() {
    String html = WatchBoot.render(TEMPLATE, "F1", PLAYBACK, null);

    assertThat(new JsonObject(block(html))).isEqualTo(PLAYBACK.copy().put("filmId", "F1"));
    assertThat(html).contains("<link rel=\"preload\" as=\"fetch\" crossorigin "
        + "href=\"https://x.org/play/t.o.k/F1/master.m3u8\">");
    assertThat(html.indexOf("id=\"playback\"")).isLessThan(html.indexOf("</head>"));
    assertThat(html).endsWith("</head><body></body></html>");
  }

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", value = {
      "NULL, master.m3u8", "hls, master.m3u8", "dash, manifest.mpd", "DASH, manifest.mpd",
      "junk, master.m3u8"})
  void render_preloadsTheManifestOfTheFormat(String format, String manifest) {
    String html = WatchBoot.render(TEMPLATE, "F1", PLAYBACK, format);

    assertThat(html).containsOnlyOnce("rel=\"preload\"").contains("/F1/" + manifest + "\">");
  }

  @ParameterizedTest
  @ValueSource(strings = {"</script><script>alert(1)</script>", "<!--", "a & b > c", "\"><img src=x>"})
  void render_hostileValues_cannotLeaveTheDataBlockOrTheAttribute(String hostile) {
    JsonObject playback = PLAYBACK.copy().put("hls", "https://x.org/" + hostile).put("session", hostile);
    String html = WatchBoot.render(TEMPLATE, "F1", playback, null);

    assertThat(block(html)).doesNotContain("<").doesNotContain(">").doesNotContain("&");
    assertThat(new JsonObject(block(html)).getString("session")).isEqualTo(hostile);
    assertThat(html).containsOnlyOnce("<script type=\"application/json\"").doesNotContain("<img")
        .doesNotContain("alert(1)</script>");
  }

  @Test
  void render_withoutHead_leavesTheTemplate() {
    assertThat(WatchBoot.render("<p>no head</p>", "F1", PLAYBACK, null)).isEqualTo("<p>no head</p>");
  }
}
