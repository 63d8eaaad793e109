package org.screenroom.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubtitleInputTest {
    @ParameterizedTest
    @ValueSource(strings = {"en", "FRA", " pt-BR ", "zh-hant-tw"})
    void language_plainTags_areLowerCasedAndKept(String tag) {
        assertThat(new SubtitleInput(Path.of("s.srt"), tag, "Label").language()).matches("[a-z0-9-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e", "../en", "en/..", "en.vtt", "english language", "en_US", "%2e%2e"})
    void language_pathLikeOrMalformed_isRefused(String tag) {
        assertThatThrownBy(() -> new SubtitleInput(Path.of("s.srt"), tag, "Label"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void label_blank_isRefused(String label) {
        assertThatThrownBy(() -> new SubtitleInput(Path.of("s.srt"), "en", label))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
