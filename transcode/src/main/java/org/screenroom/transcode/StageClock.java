package org.screenroom.transcode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Times consecutive stages of a job: each {@link #done} closes the stage that began at the previous one. */
final class StageClock {
    private final Clock clock;
    private final Map<String, Duration> times = new LinkedHashMap<>();
    private Instant mark;

    StageClock(Clock clock) {
        this.clock = clock;
        this.mark = clock.instant();
    }

    /** Ends the stage called {@code name} now and starts the next one. */
    void done(String name) {
        Instant now = clock.instant();
        times.merge(name, Duration.between(mark, now), Duration::plus);
        mark = now;
    }

    /** @return the stages ended so far, in order */
    Map<String, Duration> times() {
        return new LinkedHashMap<>(times);
    }
}
