package org.screenroom.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class VersionedManifestsTest {
  private static final String V = "mi8x2k3l-3f9a2c";

  static Stream<Arguments> hlsLines() {
    return Stream.of(
        Arguments.of("#EXTM3U", "#EXTM3U"),
        Arguments.of("#EXT-X-VERSION:7", "#EXT-X-VERSION:7"),
        Arguments.of("", ""),
        Arguments.of("v0/playlist.m3u8", V + "/v0/playlist.m3u8"),
        Arguments.of("  v1/playlist.m3u8", V + "/v1/playlist.m3u8"),
        Arguments.of("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English\",URI=\"a0/playlist.m3u8\"",
            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English\",URI=\"" + V + "/a0/playlist.m3u8\""),
        Arguments.of("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",URI=\"subs/en.m3u8\"",
            "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",URI=\"" + V + "/subs/en.m3u8\""),
        Arguments.of("#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI=\"v0/iframes.m3u8\"",
            "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI=\"" + V + "/v0/iframes.m3u8\""),
        // Absolute references are left alone: they do not resolve under the package.
        Arguments.of("https://cdn.example/v0/playlist.m3u8", "https://cdn.example/v0/playlist.m3u8"),
        Arguments.of("/elsewhere/v0/playlist.m3u8", "/elsewhere/v0/playlist.m3u8"),
        Arguments.of("#EXT-X-MEDIA:URI=\"https://x.example/a.m3u8\"", "#EXT-X-MEDIA:URI=\"https://x.example/a.m3u8\""),
        // A replacement with a dollar sign or backslash is not read as a group reference.
        Arguments.of("#EXT-X-MEDIA:URI=\"a$1/p.m3u8\"", "#EXT-X-MEDIA:URI=\"" + V + "/a$1/p.m3u8\""));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("hlsLines")
  void hls_putsEveryRelativeUriUnderTheVersion(String line, String expected) {
    assertThat(VersionedManifests.hls(line, V)).isEqualTo(expected);
  }

  @Test
  void hls_keepsLineEndings() {
    assertThat(VersionedManifests.hls("#EXTM3U\nv0/p.m3u8\n", V))
        .isEqualTo("#EXTM3U\n" + V + "/v0/p.m3u8\n");
  }

  static Stream<Arguments> mpds() {
    return Stream.of(
        Arguments.of("<?xml version=\"1.0\"?>\n<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\">\n  <Period/>\n</MPD>\n",
            "<?xml version=\"1.0\"?>\n<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\">\n  <BaseURL>" + V
                + "/</BaseURL>\n  <Period/>\n</MPD>\n"),
        Arguments.of("<MPD>\n</MPD>", "<MPD>\n  <BaseURL>" + V + "/</BaseURL>\n</MPD>"),
        // Not a manifest this server wrote: unchanged rather than broken.
        Arguments.of("<MPDX/>", "<MPDX/>"),
        Arguments.of("<MPD/>", "<MPD/>"),
        Arguments.of("", ""));
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("mpds")
  void dash_addsABaseUrlNamingTheVersion(String mpd, String expected) {
    assertThat(VersionedManifests.dash(mpd, V)).isEqualTo(expected);
  }

  @Test
  void rewrite_touchesOnlyEntryManifests_andOnlyWithAVersion() {
    byte[] playlist = "#EXTM3U\nseg_00001.m4s\n".getBytes(StandardCharsets.UTF_8);
    assertThat(VersionedManifests.rewrite("v0/playlist.m3u8", playlist, V)).isSameAs(playlist);
    byte[] master = "#EXTM3U\nv0/playlist.m3u8\n".getBytes(StandardCharsets.UTF_8);
    assertThat(VersionedManifests.rewrite("master.m3u8", master, null)).isSameAs(master);
    assertThat(new String(VersionedManifests.rewrite("master.m3u8", master, V), StandardCharsets.UTF_8))
        .isEqualTo("#EXTM3U\n" + V + "/v0/playlist.m3u8\n");
  }
}
