package org.screenroom.catalog.job;

import java.time.Instant;
import java.util.Optional;

/**
 * One attempt at transcoding a film, as stored.
 *
 * @param attempt 1 for the film's first job, one more for each retry
 * @param error a sentence for the filmmaker when failed or cancelled, else null
 * @param detail ffmpeg's last stderr lines and the command, for the administrator only; may be null
 */
public record Job(
    String id,
    String filmId,
    JobState state,
    int attempt,
    JobProgress progress,
    String error,
    String detail,
    Instant queuedAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Instant updatedAt) {}
