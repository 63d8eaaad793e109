package org.screenroom.catalog.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.screenroom.catalog.MutableClock;
import org.screenroom.catalog.db.Database;

class LoginThrottleTest {
  private static final String IP = "192.0.2.7";
  @TempDir Path dir;

  /** The catalog under test: a SQLite file here, PostgreSQL in {@link LoginThrottlePostgresTest}. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private LoginThrottle throttle;

  @BeforeEach
  void setUp() {
    throttle = new LoginThrottle(open(), clock,
        LoginThrottle.Policy.defaults());
  }

  @ParameterizedTest(name = "{0} failures -> {1}")
  @CsvSource({"0,", "4,", "5,PT1M", "6,PT2M", "7,PT4M", "8,PT8M", "9,PT15M", "40,PT15M", "1000000,PT15M"})
  void rule_lockAfter_doublesUpToTheCap(int failures, Duration expected) {
    assertThat(LoginThrottle.Policy.defaults().perUserAndAddress().lockAfter(failures))
        .isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void fiveFailures_lockThatUserFromThatAddressOnly() {
    fail("admin", IP, 5);

    assertThat(throttle.retryAfter("admin", IP)).contains(Duration.ofMinutes(1));
    assertThat(throttle.retryAfter("ADMIN", IP)).as("case-folded").isPresent();
    assertThat(throttle.retryAfter("admin", "198.51.100.1")).isEmpty();
    assertThat(throttle.retryAfter("ada", IP)).isEmpty();

    clock.advance(Duration.ofSeconds(61));
    assertThat(throttle.retryAfter("admin", IP)).isEmpty();
  }

  @Test
  void success_clearsTheUsernameButNotTheAddress() {
    fail("admin", IP, 4);
    for (int i = 0; i < 24; i++) {
      throttle.failed("user" + i, IP);
    }
    throttle.succeeded("admin", IP);
    fail("admin", IP, 1);
    assertThat(throttle.retryAfter("admin", IP)).isEmpty();

    fail("someone", IP, 1); // the address's 30th failure
    assertThat(throttle.retryAfter("fresh", IP)).isPresent();
  }

  @Test
  void quietPeriod_resetsTheCount() {
    fail("admin", IP, 4);
    clock.advance(Duration.ofMinutes(16));
    fail("admin", IP, 4);
    assertThat(throttle.retryAfter("admin", IP)).isEmpty();
  }

  @Test
  void distributedGuessing_locksTheUsernameEverywhere_butOnlyFor15MinutesAtMost() {
    for (int ip = 0; ip < 25; ip++) {
      fail("admin", "10.0.0." + ip, 4);
    }
    assertThat(throttle.retryAfter("admin", "203.0.113.9")).isPresent();
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(throttle.retryAfter("admin", "203.0.113.9")).isEmpty();
  }

  @Test
  void quietTime_startsWhenTheLockOutEnds() {
    fail("admin", IP, 9); // locked for the 15-minute cap
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(throttle.retryAfter("admin", IP)).isEmpty();

    fail("admin", IP, 1);
    assertThat(throttle.retryAfter("admin", IP)).contains(Duration.ofMinutes(15));
  }

  private void fail(String user, String ip, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(user, ip);
    }
  }
}
