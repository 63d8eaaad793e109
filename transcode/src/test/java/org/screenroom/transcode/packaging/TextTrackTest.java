package org.screenroom.transcode.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** File names of subtitle tracks, as packaged and as revised by a later edit. */
class TextTrackTest {

    @ParameterizedTest(name = "{0} rev {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "en    | -            | en.vtt              | en.m3u8",
            "pt-br | -            | pt-br.vtt           | pt-br.m3u8",
            "en    | 3f9a2c1b7d0e | en_3f9a2c1b7d0e.vtt | en_3f9a2c1b7d0e.m3u8",
            "pt-br | 0a1b2c3d4e5f | pt-br_0a1b2c3d4e5f.vtt | pt-br_0a1b2c3d4e5f.m3u8",
    })
    void fileNames(String language, String revision, String vtt, String playlist) {
        TextTrack track = new TextTrack(language, "Label", revision);
        assertThat(track.vttFile()).isEqualTo(vtt);
        assertThat(track.playlistFile()).isEqualTo(playlist);
        assertThat(new TextTrack(language, "Label").revised(revision)).isEqualTo(track);
    }

    @ParameterizedTest(name = "revision \"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "''", "../x", "a.b", "A1", "a/b", "0123456789abcdef0123456789abcdef0",
    })
    void badRevisions_areRefused(String revision) {
        assertThatThrownBy(() -> new TextTrack("en", "English", revision))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
