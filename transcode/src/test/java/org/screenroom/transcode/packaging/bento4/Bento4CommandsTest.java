package org.screenroom.transcode.packaging.bento4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.screenroom.transcode.Packager;

class Bento4CommandsTest {
    @Test
    void fragment_cutsAtTheKeyframeInterval() {
        assertThat(Bento4Commands.fragment(Path.of("/b4/mp4fragment"), Path.of("/w/v720.mp4"),
                Path.of("/w/v720-frag.mp4"), 2000))
                .containsExactly("/b4/mp4fragment", "--fragment-duration", "2000", "/w/v720.mp4", "/w/v720-frag.mp4");
    }

    @Test
    void dash_videoAudioLanguagesAndSubtitles() {
        List<Bento4Commands.Input> inputs = List.of(
                new Bento4Commands.Input(Path.of("/w/v720.mp4"), "", "und"),
                new Bento4Commands.Input(Path.of("/w/a0.mp4"), "", "eng"),
                new Bento4Commands.Input(Path.of("/w/a1.mp4"), "mp4", "fra"),
                new Bento4Commands.Input(Path.of("/w/en.vtt"), "webvtt", "en"));

        assertThat(Bento4Commands.dash(Path.of("mp4dash"), inputs, Path.of("/out/.film.tmp-1"))).containsExactly(
                "mp4dash", "--hls", "--force", "--output-dir=/out/.film.tmp-1", "--mpd-name=manifest.mpd",
                "--hls-master-playlist-name=master.m3u8", "--use-segment-timeline",
                "/w/v720.mp4", "[+language=eng]/w/a0.mp4", "[+format=mp4,+language=fra]/w/a1.mp4",
                "[+format=webvtt,+language=en]/w/en.vtt");
    }

    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of(Packager.FFMPEG, true, Packager.FFMPEG),
                Arguments.of(Packager.FFMPEG, false, Packager.FFMPEG),
                Arguments.of(Packager.BENTO4, false, Packager.BENTO4),
                Arguments.of(Packager.AUTO, true, Packager.BENTO4),
                Arguments.of(Packager.AUTO, false, Packager.FFMPEG));
    }

    @ParameterizedTest(name = "{0} with mp4dash on PATH={1} -> {2}")
    @MethodSource("choices")
    void resolve_table(Packager wanted, boolean mp4dashOnPath, Packager expected) {
        Map<String, Boolean> path = Map.of("mp4dash", mp4dashOnPath);

        assertThat(wanted.resolve(name -> path.getOrDefault(name, false))).isEqualTo(expected);
    }

    @Test
    void searchPath_findsExecutablesOnly() {
        assertThat(Packager.searchPath("/nonexistent:/bin").test("sh")).isTrue();
        assertThat(Packager.searchPath("/nonexistent").test("sh")).isFalse();
        assertThat(Packager.searchPath(null).test("sh")).isFalse();
    }
}
