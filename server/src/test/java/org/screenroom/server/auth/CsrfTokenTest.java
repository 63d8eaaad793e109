package org.screenroom.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CsrfTokenTest {
  private static final String SECRET = "ftIgiNqZ45Rfb03-D4t_QPGdRKi6l-Z_Ty97J6Qy5TI";

  @Test
  void of_isStablePerSession_andDiffersBetweenSessions() {
    assertThat(CsrfToken.of(SECRET)).isEqualTo(CsrfToken.of(SECRET)).hasSize(43)
        .isNotEqualTo(CsrfToken.of(SECRET.replace('f', 'g'))).doesNotContain(SECRET);
    assertThat(CsrfToken.matches(SECRET, CsrfToken.of(SECRET))).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {SECRET, " ", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  void matches_anythingElse_isFalse(String header) {
    assertThat(CsrfToken.matches(SECRET, header)).isFalse();
    assertThat(CsrfToken.matches(SECRET, CsrfToken.of(SECRET) + " ")).isFalse();
    assertThat(CsrfToken.matches(SECRET, "x".repeat(10_000))).isFalse();
  }
}
