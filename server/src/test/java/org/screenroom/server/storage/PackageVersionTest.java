package org.screenroom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.server.stream.PlaybackPath;
import org.screenroom.server.testing.MutableClock;

class PackageVersionTest {
  @Test
  void next_isValid_distinct_andAKeySegment_andAUrlSegment() {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String v = PackageVersion.next(clock);
      assertThat(PackageVersion.valid(v)).as(v).isTrue();
      assertThat(StorageKey.valid("films/AbCdEfGh1234/pkg/" + v + "/v0/seg_00001.m4s")).isTrue();
      assertThat(PlaybackPath.parse("/play/t1/AbCdEfGh1234/" + v + "/v0/seg_00001.m4s"))
          .map(PlaybackPath::version).contains(v);
      seen.add(v);
    }
    assertThat(seen).as("the same millisecond still gives distinct versions").hasSize(200);
  }

  @Test
  void next_ordersByTime() {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    String first = PackageVersion.next(clock);
    clock.advance(java.time.Duration.ofSeconds(1));
    assertThat(PackageVersion.next(clock)).isGreaterThan(first);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "v0", "subs", "MI8X-3F9A2C", "mi8x2k3l-3f9a2", "mi8x2k3l-3f9a2c/",
      "../x-000000", "a-b-000000", "mi8x2k3l_3f9a2c"})
  void valid_refusesAnythingElse(String text) {
    assertThat(PackageVersion.valid(text)).isFalse();
    assertThat(FilmStorageKeys.refused(text)).isTrue();
  }

  /** The key helper refuses what is not a version (it would become part of a key). */
  private static final class FilmStorageKeys {
    static boolean refused(String version) {
      if (version.isEmpty()) {
        // The empty version names the unversioned layout.
        return FilmStorage.packagePrefix("AbCdEfGh1234", version)
            .equals("films/AbCdEfGh1234/package/");
      }
      try {
        FilmStorage.packagePrefix("AbCdEfGh1234", version);
        return false;
      } catch (IllegalArgumentException e) {
        return true;
      }
    }
  }
}
