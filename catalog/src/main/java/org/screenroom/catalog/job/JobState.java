package org.screenroom.catalog.job;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a transcode job is: waiting, being worked on, or over (done, failed, cancelled).
 * Allowed moves: queued -> running | cancelled; running -> done | failed | cancelled | queued
 * (the last only when a runner stops or restarts mid-way).
 */
public enum JobState {
  QUEUED, RUNNING, DONE, FAILED, CANCELLED;

  /** The lower-case name used in JSON and in the database. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the job is over and will not change again. */
  public boolean finished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }

  /** Parses the lower-case wire name. @throws IllegalArgumentException for an unknown name */
  public static JobState fromWire(String wire) {
    return parse(wire).orElseThrow(() -> new IllegalArgumentException("unknown job state " + wire));
  }

  /** Parses the lower-case wire name; empty for anything else. */
  public static Optional<JobState> parse(String wire) {
    for (JobState s : values()) {
      if (s.wire().equals(wire)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
