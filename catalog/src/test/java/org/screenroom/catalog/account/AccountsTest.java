package org.screenroom.catalog.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.MutableClock;
import org.screenroom.catalog.db.Database;

class AccountsTest {
  @TempDir Path dir;

  /** The catalog under test: a SQLite file here, PostgreSQL in {@link AccountsPostgresTest}. */
  Database open() {
    return Database.open(dir.resolve("catalog.db"));
  }
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private AccountStore accounts;
  private ApiTokenStore tokens;
  private Database db;

  @BeforeEach
  void setUp() {
    db = open();
    accounts = new AccountStore(db, clock, new PasswordHasher());
    tokens = new ApiTokenStore(db, clock);
  }

  @Test
  void authenticate_rightAndWrongPasswords() {
    assertThat(accounts.isEmpty()).isTrue();
    Account ada = accounts.create("ada", "correct horse", Role.FILMMAKER);

    assertThat(accounts.isEmpty()).isFalse();
    assertThat(accounts.authenticate("ada", "correct horse")).contains(ada);
    assertThat(accounts.authenticate("ada", "wrong")).isEmpty();
    assertThat(accounts.authenticate("nobody", "correct horse")).isEmpty();
  }

  @Test
  void create_duplicateUsername_isRejectedWithSentence() {
    accounts.create("ada", "pw-one-long", Role.FILMMAKER);
    assertThatThrownBy(() -> accounts.create("ada", "pw-two-long", Role.ADMIN))
        .isInstanceOf(UsernameTakenException.class)
        .hasMessageContaining("taken");
  }

  @Test
  void passwordHash_isArgon2idAndSalted() {
    PasswordHasher hasher = new PasswordHasher();
    String a = hasher.hash("same");
    String b = hasher.hash("same");

    assertThat(a).startsWith("$argon2id$v=19$").isNotEqualTo(b);
    assertThat(hasher.verify("same", a)).isTrue();
    assertThat(hasher.verify("other", a)).isFalse();
    assertThat(hasher.verify("same", "$argon2id$garbage")).isFalse();
    assertThat(hasher.verify("same", "plain")).isFalse();
  }

  @Test
  void token_issuedAuthenticatesUntilRevoked_andIsStoredHashed() {
    Account ada = accounts.create("ada", "pw-long-enough", Role.FILMMAKER);
    String token = tokens.issue(ada.id());
    clock.advance(Duration.ofMinutes(5));

    assertThat(tokens.authenticate(token)).contains(ada);
    String lastUsed = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT last_used_at FROM api_tokens").mapTo(String.class).one());
    assertThat(lastUsed).isEqualTo("2026-03-01T10:05:00.000Z");
    int plainStored = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT COUNT(*) FROM api_tokens WHERE token_hash = :t").bind("t", token)
        .mapTo(Integer.class).one());
    assertThat(plainStored).isZero();

    assertThat(tokens.revoke(token)).isTrue();
    assertThat(tokens.authenticate(token)).isEmpty();
    assertThat(tokens.authenticate("sr_forged")).isEmpty();
    assertThat(tokens.authenticate(null)).isEmpty();
  }
}
