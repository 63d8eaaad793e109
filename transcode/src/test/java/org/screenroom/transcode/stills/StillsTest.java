package org.screenroom.transcode.stills;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StillsTest {
    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("3 s clip: every second", Duration.ofSeconds(3), 640, 360,
                        new Stills(0.3, 640, 360, 1, 3, 3, 1, 160, 90, 3.0)),
                Arguments.of("5 min 1080p: every 5 s, poster capped at 1280", Duration.ofMinutes(5), 1920, 1080,
                        new Stills(30.0, 1280, 720, 5, 60, 10, 6, 160, 90, 300.0)),
                Arguments.of("2 h scope: every 10 s", Duration.ofHours(2), 1920, 804,
                        new Stills(720.0, 1280, 536, 10, 720, 10, 72, 160, 68, 7200.0)),
                Arguments.of("4 h: interval grows to keep 1000 thumbs", Duration.ofHours(4), 1280, 720,
                        new Stills(1440.0, 1280, 720, 15, 960, 10, 96, 160, 90, 14400.0)),
                Arguments.of("vertical: thumbs 160 tall", Duration.ofSeconds(30), 360, 640,
                        new Stills(3.0, 360, 640, 1, 30, 10, 3, 90, 160, 30.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plan_table(String why, Duration duration, int width, int height, Stills expected) {
        assertThat(Stills.plan(duration, width, height)).as(why).isEqualTo(expected);
    }

    @Test
    void thumbsVtt_cuesPointIntoTheGridAndLastEndsAtTheFilmEnd() {
        Stills stills = new Stills(1.25, 640, 360, 5, 3, 2, 2, 160, 90, 12.5);

        assertThat(StoryboardVttWriter.write(stills)).isEqualTo("WEBVTT\n\n"
                + "00:00:00.000 --> 00:00:05.000\nsprite.jpg#xywh=0,0,160,90\n\n"
                + "00:00:05.000 --> 00:00:10.000\nsprite.jpg#xywh=160,0,160,90\n\n"
                + "00:00:10.000 --> 00:00:12.500\nsprite.jpg#xywh=0,90,160,90\n");
    }

    @Test
    void timestamp_pastAnHour() {
        assertThat(StoryboardVttWriter.timestamp(3723.5)).isEqualTo("01:02:03.500");
    }
}
