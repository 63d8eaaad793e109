package org.screenroom.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Lets a progress write through at most once per interval of the injected clock (the first one
 * always), so a transcode's catalog writes stay at about one a second whatever ffmpeg reports.
 * Used by one transcoding thread; not thread-safe.
 */
public final class ProgressThrottle {
  private final Clock clock;
  private final Duration interval;
  private Instant last;

  /** Creates a throttle letting one write through per {@code interval} of {@code clock}. */
  public ProgressThrottle(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  /** Whether a write is due now; when it is, the next is due one interval later. */
  public boolean due() {
    Instant now = clock.instant();
    if (last != null && now.isBefore(last.plus(interval))) {
      return false;
    }
    last = now;
    return true;
  }
}
