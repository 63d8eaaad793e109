package org.screenroom.catalog.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.catalog.MutableClock;
import org.screenroom.catalog.db.Database;

class SessionStoreTest {
  private static final Duration IDLE = Duration.ofHours(12);
  private static final Duration LIFETIME = Duration.ofDays(30);
  @TempDir Path dir;

  /** The catalog under test: a SQLite file here, PostgreSQL in {@link SessionStorePostgresTest}. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Database db;
  private SessionStore sessions;
  private Account ada;

  @BeforeEach
  void setUp() {
    db = open();
    sessions = new SessionStore(db, clock, IDLE, LIFETIME);
    ada = new AccountStore(db, clock, new PasswordHasher()).create("ada", "pw-long-enough", Role.FILMMAKER);
  }

  @Test
  void session_authenticatesUntilDeleted_andIsStoredHashed() {
    Session s = sessions.create(ada, "Mozilla/5.0\u0000\n evil");

    assertThat(s.secret()).hasSize(43);
    assertThat(sessions.authenticate(s.secret())).contains(ada);
    assertThat(count("SELECT COUNT(*) FROM sessions WHERE token_hash = '" + s.secret() + "'")).isZero();
    String agent = db.jdbi().withHandle(h -> h.createQuery("SELECT user_agent FROM sessions")
        .mapTo(String.class).one());
    assertThat(agent).isEqualTo("Mozilla/5.0 evil");

    assertThat(sessions.delete(s.secret())).isTrue();
    assertThat(sessions.authenticate(s.secret())).isEmpty();
    assertThat(sessions.delete(s.secret())).isFalse();
  }

  @Test
  void session_idleTimeoutSlides_butLifetimeIsAbsolute() {
    Session s = sessions.create(ada, null);
    for (int use = 0; use < 65; use++) {
      clock.advance(Duration.ofHours(11));
      assertThat(sessions.authenticate(s.secret())).as("use %d", use).contains(ada);
    }
    // 65 × 11 h = 715 h; 11 more hours pass 30 days (720 h) although the session is in use.
    clock.advance(Duration.ofHours(11));
    assertThat(sessions.authenticate(s.secret())).isEmpty();
  }

  @Test
  void session_idleLongerThanTimeout_ends() {
    Session s = sessions.create(ada, "ua");
    clock.advance(IDLE.plusSeconds(1));
    assertThat(sessions.authenticate(s.secret())).isEmpty();
  }

  @Test
  void create_purgesEndedSessions() {
    sessions.create(ada, "old");
    clock.advance(IDLE.plusSeconds(1));
    sessions.create(ada, "new");
    assertThat(count("SELECT COUNT(*) FROM sessions")).isEqualTo(1);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "x", "sr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'",
      "' OR 1=1 --"})
  void authenticate_forgedSecrets_areEmpty(String secret) {
    sessions.create(ada, "ua");
    assertThat(sessions.authenticate(secret)).isEmpty();
  }

  @Test
  void constructor_idleLongerThanLifetime_isRefused() {
    assertThatThrownBy(() -> new SessionStore(db, clock, Duration.ofDays(2), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private int count(String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }
}
