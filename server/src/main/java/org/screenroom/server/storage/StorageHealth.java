package org.screenroom.server.storage;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the configured storage answers, for {@code /health/ready}: a bucket is asked with
 * {@link Storage#ping} (a HeadBucket with a short timeout), and the answer kept for
 * {@link #TTL}, so a load balancer probing every second costs the bucket one request every few
 * seconds. Local disk is always {@code ok} here (the catalog check already needs the data
 * directory). Blocking: call {@link #check} on a worker; concurrent callers wait for the one
 * request under way instead of each sending their own.
 */
public final class StorageHealth {
  private static final Logger LOG = LoggerFactory.getLogger(StorageHealth.class);
  /** How long an answer is reused. */
  public static final Duration TTL = Duration.ofSeconds(5);

  /**
   * One answer.
   *
   * @param kind {@code local} or {@code s3}
   * @param ok whether storage answered
   * @param problem the failure, for the log and the report, when not ok
   * @param checkedAt when storage was asked
   */
  public record State(String kind, boolean ok, Optional<String> problem, Instant checkedAt) {}

  private final Storage storage;
  private final Clock clock;
  private State last;

  /** Checks {@code storage}, the cache's age measured on {@code clock}. */
  public StorageHealth(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** The storage's state, asked again when the last answer is older than {@link #TTL}. */
  public synchronized State check() {
    Instant now = clock.instant();
    if (last != null && now.isBefore(last.checkedAt().plus(TTL))
        && !now.isBefore(last.checkedAt())) {
      return last;
    }
    String kind = storage.remote() ? "s3" : "local";
    State state;
    try {
      storage.ping();
      state = new State(kind, true, Optional.empty(), now);
    } catch (IOException | RuntimeException e) {
      if (last == null || last.ok()) {
        LOG.warn("readiness: {} does not answer: {}", storage.describe(), e.getMessage());
      }
      state = new State(kind, false, Optional.of(String.valueOf(e.getMessage())), now);
    }
    if (state.ok() && last != null && !last.ok()) {
      LOG.info("readiness: {} answers again", storage.describe());
    }
    last = state;
    return state;
  }
}
