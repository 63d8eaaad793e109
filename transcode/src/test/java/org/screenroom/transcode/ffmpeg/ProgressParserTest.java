package org.screenroom.transcode.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressParserTest {
    @Test
    void accept_recordedProgressPipe_emitsFinishedReportWithFpsAndSpeed() throws Exception {
        String recorded;
        try (var in = getClass().getResourceAsStream("/ffmpeg/progress_pipe.txt")) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProgressParser parser = new ProgressParser(Duration.ofSeconds(9));

        List<Progress> reports = recorded.lines().map(parser::accept).flatMap(Optional::stream).toList();

        assertThat(reports).hasSize(1);
        Progress last = reports.get(0);
        assertThat(last.finished()).isTrue();
        assertThat(last.percent()).isEqualTo(100.0);
        assertThat(last.encoded()).isPositive();
        assertThat(last.speed()).isPositive();
    }

    @Test
    void accept_midwayBlock_reportsPercentOfSourceDuration() {
        ProgressParser parser = new ProgressParser(Duration.ofSeconds(10));
        List.of("frame=60", "fps=30.5", "out_time_us=2500000", "speed=1.5x").forEach(parser::accept);

        assertThat(parser.accept("progress=continue"))
                .contains(new Progress(25.0, Duration.ofMillis(2500), 30.5, 1.5, false));
    }

    @Test
    void accept_notAvailableValues_readAsZero() {
        ProgressParser parser = new ProgressParser(Duration.ofSeconds(10));
        List.of("fps=0.00", "out_time_us=N/A", "speed=N/A").forEach(parser::accept);

        assertThat(parser.accept("progress=continue")).contains(new Progress(0.0, Duration.ZERO, 0.0, 0.0, false));
    }

    @Test
    void percent_isClampedAndSafeOnZeroTotal() {
        assertThat(ProgressParser.percent(Duration.ofSeconds(11), Duration.ofSeconds(10))).isEqualTo(100.0);
        assertThat(ProgressParser.percent(Duration.ofSeconds(-1), Duration.ofSeconds(10))).isEqualTo(0.0);
        assertThat(ProgressParser.percent(Duration.ofSeconds(1), Duration.ZERO)).isEqualTo(0.0);
    }
}
