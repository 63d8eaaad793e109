package org.screenroom.catalog.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.MutableClock;
import org.screenroom.catalog.db.Database;

class SigningKeyStoreTest {
  private static final Duration RETENTION = Duration.ofHours(6);
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private SigningKeyStore keys;

  /** The catalog under test; {@link SigningKeyStorePostgresTest} runs every case on PostgreSQL. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }

  @BeforeEach
  void setUp() {
    keys = new SigningKeyStore(open(), clock);
  }

  private List<String> activeKids() {
    return keys.activeKeys().stream().map(SigningKey::kid).toList();
  }

  @Test
  void rotate_newKeySignsFirst_oldKeyStaysActiveUntilRetentionPassed() {
    String first = keys.activeKeys().get(0).kid();
    clock.advance(Duration.ofMinutes(1));

    String second = keys.rotate(RETENTION).kid();

    assertThat(activeKids()).containsExactly(second, first);
    clock.advance(RETENTION);
    assertThat(keys.retireSuperseded(RETENTION)).isEmpty();
    assertThat(activeKids()).containsExactly(second, first);
    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.retireSuperseded(RETENTION)).containsExactly(first);
    assertThat(activeKids()).containsExactly(second);
    assertThat(keys.list()).extracting(SigningKeyStore.KeyInfo::kid).containsExactly(second, first);
    assertThat(keys.list().get(1).retiredAt()).isEqualTo(clock.instant());
    assertThat(keys.list().get(0).retiredAt()).isNull();
  }

  @Test
  void rotateIfOlderThan_rotatesOnlyWhenTheSigningKeyIsDue() {
    String first = keys.activeKeys().get(0).kid();
    Duration interval = Duration.ofDays(7);

    clock.advance(interval.minusSeconds(1));
    assertThat(keys.rotateIfOlderThan(interval, RETENTION)).isFalse();
    assertThat(activeKids()).containsExactly(first);

    clock.advance(Duration.ofSeconds(1));
    assertThat(keys.rotateIfOlderThan(interval, RETENTION)).isTrue();
    assertThat(activeKids()).hasSize(2).last().isEqualTo(first);

    clock.advance(RETENTION.plusSeconds(1));
    assertThat(keys.rotateIfOlderThan(interval, RETENTION)).isFalse();
    assertThat(activeKids()).hasSize(1).doesNotContain(first);
  }

  @Test
  void retireSuperseded_neverRetiresTheSigningKey() {
    String only = keys.activeKeys().get(0).kid();
    clock.advance(Duration.ofDays(365));

    assertThat(keys.retireSuperseded(RETENTION)).isEmpty();
    assertThat(activeKids()).containsExactly(only);
  }
}
