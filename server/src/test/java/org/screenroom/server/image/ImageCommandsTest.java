package org.screenroom.server.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageCommandsTest {
  @ParameterizedTest(name = "{0} px wide -> {1}")
  @CsvSource(delimiter = '|', value = {
      "4000 | 320,640,1280",
      "1280 | 320,640,1280",
      "1279 | 320,640",
      "640  | 320,640",
      "639  | 320",
      "320  | 320",
      "319  | 319",
      "1    | 1"})
  void widths_neverUpscale_andKeepTheOriginalWhenNarrower(int source, String expected) {
    assertThat(ImageCommands.widths(source))
        .isEqualTo(Arrays.stream(expected.split(",")).map(Integer::valueOf).toList());
  }

  @Test
  void probe_forcesTheDeclaredDemuxerAndOnlyFiles() {
    assertThat(ImageCommands.probe(Path.of("/t/ffprobe"), ImageType.PNG, Path.of("/s/upload")))
        .containsExactly("/t/ffprobe", "-v", "error", "-protocol_whitelist", "file",
            "-f", "png_pipe", "-select_streams", "v:0", "-show_entries",
            "stream=codec_name,width,height", "-print_format", "json", "/s/upload");
  }

  @Test
  void resize_decodesOnceAndWritesOneJpegPerWidth() {
    List<String> argv = ImageCommands.resize(Path.of("/t/ffmpeg"), ImageType.WEBP,
        Path.of("/s/upload"), List.of(320, 640), List.of(Path.of("/s/a-320.jpg"), Path.of("/s/a-640.jpg")));

    assertThat(argv).containsExactly("/t/ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
        "-y", "-protocol_whitelist", "file", "-f", "webp_pipe", "-i", "/s/upload",
        "-filter_complex", "[0:v]split=2[s0][s1];[s0]scale=320:-1:flags=lanczos,format=yuvj420p[o0]"
            + ";[s1]scale=640:-1:flags=lanczos,format=yuvj420p[o1]",
        "-map", "[o0]", "-map_metadata", "-1", "-frames:v", "1", "-update", "1", "-q:v", "3", "/s/a-320.jpg",
        "-map", "[o1]", "-map_metadata", "-1", "-frames:v", "1", "-update", "1", "-q:v", "3", "/s/a-640.jpg");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "image/jpeg                | JPEG",
      "IMAGE/PNG; charset=binary | PNG",
      "image/webp                | WEBP",
      "image/jpg                 | -",
      "image/gif                 | -",
      "image/svg+xml             | -",
      "text/plain                | -",
      "application/json          | -"})
  void imageType_fromContentType(String header, ImageType expected) {
    assertThat(ImageType.fromContentType(header)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest
  @NullSource
  void imageType_noContentType_isEmpty(String header) {
    assertThat(ImageType.fromContentType(header)).isEmpty();
  }

  @Test
  void probe_parse_recordedPng() throws Exception {
    assertThat(ImageProbe.parse(resource("ffprobe-png-1000x600.json")))
        .contains(new ImageProbe("png", 1000, 600));
  }

  @Test
  void probe_parse_textDeclaredAsJpeg_hasNoPicture() throws Exception {
    assertThat(ImageProbe.parse(resource("ffprobe-text-as-jpeg.json"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "{}", "{\"streams\": []}", "{\"streams\": [1]}",
      "{\"streams\": [{\"codec_name\": \"png\", \"width\": \"wide\", \"height\": 2}]}"})
  void probe_parse_garbage_isEmpty(String json) {
    assertThat(ImageProbe.parse(json)).isEmpty();
  }

  private static String resource(String name) throws Exception {
    try (var in = ImageCommandsTest.class.getResourceAsStream("/image/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
