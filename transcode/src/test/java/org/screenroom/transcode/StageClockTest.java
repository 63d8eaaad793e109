package org.screenroom.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageClockTest {
    /** A clock that moves only when told to. */
    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void done_timesEachStageFromTheEndOfThePreviousOne_inOrder() {
        SteppedClock clock = new SteppedClock();
        StageClock stages = new StageClock(clock);

        clock.advance(Duration.ofMillis(40));
        stages.done("probe");
        clock.advance(Duration.ofSeconds(12));
        stages.done("encode");
        stages.done("package");

        assertThat(stages.times()).containsExactly(
                java.util.Map.entry("probe", Duration.ofMillis(40)),
                java.util.Map.entry("encode", Duration.ofSeconds(12)),
                java.util.Map.entry("package", Duration.ZERO));
    }

    @Test
    void done_sameNameTwice_addsUp() {
        SteppedClock clock = new SteppedClock();
        StageClock stages = new StageClock(clock);

        clock.advance(Duration.ofSeconds(1));
        stages.done("encode");
        clock.advance(Duration.ofSeconds(2));
        stages.done("package");
        clock.advance(Duration.ofSeconds(3));
        stages.done("encode");

        assertThat(stages.times().keySet()).containsExactlyElementsOf(List.of("encode", "package"));
        assertThat(stages.times().get("encode")).isEqualTo(Duration.ofSeconds(4));
    }
}
