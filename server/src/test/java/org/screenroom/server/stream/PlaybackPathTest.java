package org.screenroom.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;

class PlaybackPathTest {
  private static final String TOKEN = "k1.1x2y3z.a-viewer.Q2hhbmdlZC1zaWduYXR1cmU";
  private static final String FILM = "AbCdEfGh1234";
  private static final String PREFIX = "/play/" + TOKEN + "/" + FILM + "/";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "master.m3u8",
      "manifest.mpd",
      "v720/seg_00001.m4s",
      "a0/init_1.mp4",
      "v360/index.m3u8",
      "s_en/subs-1.vtt",
      "poster/frame_0001.jpg"})
  void parse_packageFile_givesTokenFilmAndFile(String file) {
    assertThat(PlaybackPath.parse(PREFIX + file))
        .contains(new PlaybackPath(TOKEN, FILM, file));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "mi8x2k3l-3f9a2c/v720/seg_00001.m4s, mi8x2k3l-3f9a2c, v720/seg_00001.m4s",
      "0-000000/a0/init_1.mp4, 0-000000, a0/init_1.mp4",
      "mi8x2k3l-3f9a2c/v360/index.m3u8, mi8x2k3l-3f9a2c, v360/index.m3u8",
      "mi8x2k3l-3f9a2c/subs/en-gb.vtt, mi8x2k3l-3f9a2c, subs/en-gb.vtt"})
  void parse_versionedFile_givesTheVersionApart(String path, String version, String file) {
    assertThat(PlaybackPath.parse(PREFIX + path))
        .contains(new PlaybackPath(TOKEN, FILM, file, version));
  }

  static Stream<String> hostilePaths() {
    return Stream.of(
        // Versions: only before a rendition file, only of their exact shape.
        PREFIX + "mi8x2k3l-3f9a2c/master.m3u8",
        PREFIX + "mi8x2k3l-3f9a2c/manifest.mpd",
        PREFIX + "mi8x2k3l-3f9a2c/../v0/seg_00001.m4s",
        PREFIX + "mi8x2k3l-3f9a2c/mi8x2k3l-3f9a2c/v0/seg_00001.m4s",
        PREFIX + "MI8X2K3L-3F9A2C/v0/seg_00001.m4s",
        PREFIX + "mi8x2k3l-3f9a2/v0/seg_00001.m4s",
        PREFIX + "mi8x2k3l_3f9a2c/v0/seg_00001.m4s",
        PREFIX + "-3f9a2c/v0/seg_00001.m4s",
        PREFIX + "mi8x2k3l-3f9a2c/seg_00001.m4s",
        PREFIX + "mi8x2k3l-3f9a2c//v0/seg_00001.m4s",
        // Regression: a token of dots was accepted, so /play/../ID/... parsed.
        "/play/../AbCdEfGh1234/master.m3u8",
        "/play/./AbCdEfGh1234/master.m3u8",
        PREFIX + "%2e%2e/%2e%2e/etc/passwd",
        PREFIX + "v0/%2e%2e/master.m3u8",
        PREFIX + "%252e%252e/master.m3u8",
        PREFIX + "..%5c..%5cetc%5cpasswd",
        PREFIX + "v0..%5cmaster.m3u8",
        PREFIX + "..\\..\\etc\\passwd",
        PREFIX + "v0\\seg_00001.m4s",
        PREFIX + "master.m3u8%00",
        PREFIX + "v0/seg_00001.m4s%00.jpg",
        PREFIX + "master.m3u8\u0000",
        "/play/" + TOKEN + "/" + FILM + "/../../etc/passwd",
        "/play/" + TOKEN + "/" + FILM + "/../" + "ZZZZZZZZZZZZ" + "/master.m3u8",
        "/etc/passwd",
        "/play//" + FILM + "/master.m3u8",
        "/play/" + TOKEN + "//master.m3u8",
        PREFIX + "/master.m3u8",
        PREFIX + "v0//seg_00001.m4s",
        "//play/" + TOKEN + "/" + FILM + "/master.m3u8",
        "/play/" + TOKEN + "/" + FILM.substring(1) + "/master.m3u8",
        "/play/" + TOKEN + "/" + FILM + "5/master.m3u8",
        "/play/" + TOKEN + "/AbCdEfGh.234/master.m3u8",
        PREFIX + "master.M3U8",
        PREFIX + "v0/seg_00001.M4S",
        PREFIX + "V0/seg_00001.m4s",
        PREFIX + "v0/../master.m3u8",
        PREFIX + "v0/./seg_00001.m4s",
        PREFIX + "master.m3u8?x=1",
        PREFIX + "v0/index.m3u8?../../x",
        PREFIX + "v0/seg.m4s/extra",
        PREFIX + "v0/sub/seg.m4s",
        PREFIX + "v0/seg.exe",
        PREFIX + "v0/seg.m4s.exe",
        PREFIX + "v0/.m4s",
        PREFIX + "catalog.db",
        PREFIX + "source.mov",
        PREFIX,
        PREFIX + "master.m3u8/",
        PREFIX + "v0/" + "s".repeat(65) + ".m4s",
        PREFIX + "v0/" + "s".repeat(440) + ".m4s",
        "/play/" + "t".repeat(201) + "/" + FILM + "/master.m3u8",
        "play/" + TOKEN + "/" + FILM + "/master.m3u8",
        "/PLAY/" + TOKEN + "/" + FILM + "/master.m3u8",
        "/play/" + TOKEN + "/" + FILM + "/master.m3u8 ",
        "/play/" + TOKEN + "/" + FILM + "/v0/seg\u00e9.m4s",
        "",
        "/");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("hostilePaths")
  @NullSource
  void parse_hostilePath_isRejected(String rawPath) {
    assertThat(PlaybackPath.parse(rawPath)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "master.m3u8          | application/vnd.apple.mpegurl | true",
      "v0/index.m3u8        | application/vnd.apple.mpegurl | true",
      "manifest.mpd         | application/dash+xml          | true",
      "a0/init_1.mp4        | video/mp4                     | false",
      "v720/seg_00001.m4s   | video/iso.segment             | false",
      "s_en/subs.vtt        | text/vtt; charset=utf-8       | false",
      "poster/frame_1.jpg   | image/jpeg                    | false"})
  void contentTypeAndIsManifest_perExtension_areExact(String file, String contentType,
      boolean manifest) {
    PlaybackPath path = PlaybackPath.parse(PREFIX + file).orElseThrow();

    assertThat(path.contentType()).isEqualTo(contentType);
    assertThat(path.isManifest()).isEqualTo(manifest);
  }

  static Stream<Arguments> unknownExtensions() {
    return Stream.of(Arguments.of("README"), Arguments.of("x.ts"), Arguments.of("x.M3U8"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownExtensions")
  void contentTypes_unknownExtension_isOctetStream(String file) {
    assertThat(ContentTypes.forFile(file)).isEqualTo("application/octet-stream");
  }
}
