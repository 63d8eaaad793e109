package org.screenroom.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A presigned URL lives as long as the token, at most ten minutes, at least a second. */
class StorageDeliveryTest {
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  @ParameterizedTest(name = "token left {0} -> {1}")
  @CsvSource({
      "PT6H, PT10M",
      "PT10M, PT10M",
      "PT3M, PT3M",
      "PT1S, PT1S",
      "PT0S, PT1S",
      "PT-5S, PT1S",
  })
  void redirectLife_isTheTokensRestCappedAtTenMinutes(Duration left, Duration life) {
    assertThat(StorageDelivery.redirectLife(NOW, NOW.plus(left))).isEqualTo(life);
  }
}
