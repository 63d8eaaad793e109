package org.screenroom.transcode.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.probe.Rational;
import org.screenroom.transcode.probe.VideoStream;

class LadderPlannerTest {
    private static final Rational R25 = new Rational(25, 1);

    static MediaInfo source(String rFrameRate, String avgFrameRate, int height) {
        VideoStream v = new VideoStream(0, "h264", height * 16 / 9, height, Rational.ONE, Rational.UNKNOWN, 0,
                Rational.parse(rFrameRate), Rational.parse(avgFrameRate), "yuv420p", 8, "progressive", "", "", "");
        return new MediaInfo("mov", Duration.ofSeconds(60), 1, 1, List.of(v), List.of(), List.of());
    }

    static Stream<Arguments> rates() {
        return Stream.of(
                Arguments.of("23.976 film stays 24000/1001 on every rung", source("24000/1001", "24000/1001", 1080),
                        List.of("24000/1001", "24000/1001", "24000/1001", "24000/1001")),
                Arguments.of("25 stays 25", source("25/1", "25/1", 720), List.of("25/1", "25/1", "25/1")),
                Arguments.of("50 kept at 720 and up, halved below", source("50/1", "50/1", 1080),
                        List.of("50/1", "50/1", "25/1", "25/1")),
                Arguments.of("59.94 kept at 720, 29.97 below", source("60000/1001", "60000/1001", 720),
                        List.of("60000/1001", "30000/1001", "30000/1001")),
                Arguments.of("VFR phone clip: jittery average snaps to the nearest, 29.97",
                        source("90000/1", "29917/1000", 360), List.of("30000/1001")),
                Arguments.of("60 is not mistaken for 59.94", source("60/1", "60/1", 720), List.of("60/1", "30/1", "30/1")),
                Arguments.of("VFR mix of 25 and 30: base rate when the average is not standard",
                        source("50/1", "27500/1000", 360), List.of("25/1")),
                Arguments.of("odd 12.5 fps is rounded to 13", source("25/2", "25/2", 360), List.of("13/1")),
                Arguments.of("120 fps is capped at 60, halved below 720", source("120/1", "120/1", 720),
                        List.of("60/1", "30/1", "30/1")),
                Arguments.of("no declared rate assumes 30", source("0/0", "0/0", 360), List.of("30/1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rates")
    void plan_frameRates(String why, MediaInfo source, List<String> expected) {
        List<String> rates = LadderPlanner.plan(source, LadderTable.h264High()).rungs().stream()
                .map(r -> r.frameRate().toString()).toList();

        assertThat(rates).as(why).isEqualTo(expected);
    }

    static MediaInfo source(int width, int height, String sar, int rotation) {
        VideoStream v = new VideoStream(0, "h264", width, height, Rational.parse(sar), Rational.UNKNOWN, rotation,
                new Rational(25, 1), new Rational(25, 1), "yuv420p", 8, "progressive", "", "", "");
        return new MediaInfo("mov", Duration.ofSeconds(60), 1, 1, List.of(v), List.of(), List.of());
    }

    static Stream<Arguments> sizes() {
        return Stream.of(
                Arguments.of("640x360 gets the 360 rung only", source(640, 360, "1:1", 0), List.of("640x360")),
                Arguments.of("1080p gets 1080 down to 360", source(1920, 1080, "1:1", 0),
                        List.of("1920x1080", "1280x720", "854x480", "640x360")),
                Arguments.of("scope 2.39 keeps its aspect, width-bound", source(1920, 804, "1:1", 0),
                        List.of("1920x804", "1280x536", "854x358", "640x268")),
                Arguments.of("PAL 16:9 anamorphic is displayed 1024x576", source(720, 576, "64:45", 0),
                        List.of("854x480", "640x360")),
                Arguments.of("PAL 4:3 anamorphic is displayed 768x576", source(720, 576, "16:15", 0),
                        List.of("640x480", "480x360")),
                Arguments.of("vertical via rotation gets the same tiers on its short side", source(1920, 1080, "1:1", 90),
                        List.of("1080x1920", "720x1280", "480x854", "360x640")),
                Arguments.of("tiny source gets one rung at its own size", source(320, 240, "1:1", 0), List.of("320x240")),
                Arguments.of("odd dimensions are rounded down to even", source(321, 181, "1:1", 0), List.of("320x180")),
                Arguments.of("one line short of 720 never upscales", source(1279, 719, "1:1", 0),
                        List.of("854x480", "640x360")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizes")
    void plan_sizes(String why, MediaInfo source, List<String> expected) {
        List<String> sizes = LadderPlanner.plan(source, LadderTable.h264High()).rungs().stream()
                .map(r -> r.width() + "x" + r.height()).toList();

        assertThat(sizes).as(why).isEqualTo(expected);
    }

    @Test
    void plan_1080p_fullRungsWithDocumentedBitratesAndFittingLevels() {
        List<Rung> rungs = LadderPlanner.plan(source(1920, 1080, "1:1", 0), LadderTable.h264High()).rungs();

        assertThat(rungs).containsExactly(
                new Rung("v1080", 1920, 1080, 6_000_000, 6_420_000, 12_000_000, "high", "4.0", R25),
                new Rung("v720", 1280, 720, 3_500_000, 3_745_000, 7_000_000, "high", "3.1", R25),
                new Rung("v480", 854, 480, 1_800_000, 1_926_000, 3_600_000, "high", "3.0", R25),
                new Rung("v360", 640, 360, 900_000, 963_000, 1_800_000, "high", "3.0", R25));
    }

    @Test
    void plan_2160p60_usesLevel52() {
        VideoStream v = new VideoStream(0, "h264", 3840, 2160, Rational.ONE, Rational.UNKNOWN, 0, new Rational(60, 1),
                new Rational(60, 1), "yuv420p10le", 10, "progressive", "", "", "");
        MediaInfo uhd = new MediaInfo("mov", Duration.ofSeconds(1), 1, 1, List.of(v), List.of(), List.of());

        Rung top = LadderPlanner.plan(uhd, LadderTable.h264High()).rungs().get(0);

        assertThat(top).isEqualTo(new Rung("v2160", 3840, 2160, 16_000_000, 17_120_000, 32_000_000, "high", "5.2", new Rational(60, 1)));
    }
}
