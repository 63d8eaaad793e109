package org.screenroom.transcode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.screenroom.transcode.probe.MediaInfo;

/**
 * A finished package.
 *
 * @param source     the probe of the source
 * @param renditions video renditions highest first, then audio if any
 * @param duration   how long the transcode took (wall clock, from the injected clock)
 * @param stages     wall clock time of each stage of the job in order ({@code probe}, {@code encode},
 *                   {@code package}, {@code publish}), so a slow job shows where its time went
 */
public record TranscodeResult(MediaInfo source, List<RenditionInfo> renditions, Duration duration,
                              Map<String, Duration> stages) {
    public TranscodeResult {
        renditions = List.copyOf(renditions);
        stages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /** A result without a stage breakdown. */
    public TranscodeResult(MediaInfo source, List<RenditionInfo> renditions, Duration duration) {
        this(source, renditions, duration, Map.of());
    }
}
