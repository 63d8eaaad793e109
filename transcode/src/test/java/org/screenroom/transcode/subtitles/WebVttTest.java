package org.screenroom.transcode.subtitles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebVttTest {
    @Test
    void convert_srtWithBomCrlfAndFontTags_becomesWebVtt() {
        String srt = "\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\n<font color=\"#ff0\">Hello</font>\r\nworld\r\n\r\n"
                + "2\r\n0:00:03,000 --> 0:00:04,000 X1:10\r\n<i>Bye --> now</i>\r\n";

        assertThat(WebVtt.convert(srt)).isEqualTo("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHello\nworld\n\n"
                + "2\n00:00:03.000 --> 00:00:04.000\n<i>Bye -> now</i>\n");
    }

    @Test
    void convert_srtWithoutNumbers_keepsCues() {
        assertThat(WebVtt.convert("00:00:01,000 --> 00:00:02,000\nHi\n"))
                .isEqualTo("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n");
    }

    @Test
    void convert_webVtt_isKeptWithNormalisedLineEnds() {
        assertThat(WebVtt.convert("WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHi"))
                .isEqualTo("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n");
    }

    @Test
    void convert_textWithoutCues_isRefused() {
        assertThatThrownBy(() -> WebVtt.convert("just some notes\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no SRT cues found");
        assertThatThrownBy(() -> WebVtt.convert("WEBVTT\n\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
