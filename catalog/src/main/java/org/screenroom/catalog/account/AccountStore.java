package org.screenroom.catalog.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.db.Timestamps;

/** Accounts and password checks. Every method blocks on JDBC: call it from a worker. */
public final class AccountStore {
  private static final String INSERT = """
      INSERT INTO accounts (id, username, password_hash, role, created_at)
      VALUES (:id, :username, :hash, :role, :now)
      """;
  private static final String BY_USERNAME = "SELECT * FROM accounts WHERE username = :username";
  private static final String BY_ID = "SELECT * FROM accounts WHERE id = :id";
  private static final String COUNT = "SELECT COUNT(*) FROM accounts";

  private final Jdbi jdbi;
  private final Clock clock;
  private final PasswordHasher hasher;

  /** Creates the store over {@code database}. */
  public AccountStore(Database database, Clock clock, PasswordHasher hasher) {
    this.jdbi = database.jdbi();
    this.clock = clock;
    this.hasher = hasher;
  }

  /**
   * Creates an account.
   *
   * @throws UsernameTakenException when the username already exists
   */
  public Account create(String username, String password, Role role) {
    String id = Ids.newId();
    String hash = hasher.hash(password);
    try {
      jdbi.useHandle(h -> h.createUpdate(INSERT).bind("id", id).bind("username", username)
          .bind("hash", hash).bind("role", role.wire())
          .bind("now", Timestamps.format(clock.instant())).execute());
    } catch (UnableToExecuteStatementException e) {
      if (isUniqueViolation(e)) {
        throw new UsernameTakenException(username);
      }
      throw e;
    }
    return findById(id).orElseThrow();
  }

  /** The account with these credentials, or empty when the username or password is wrong. */
  public Optional<Account> authenticate(String username, String password) {
    return jdbi.withHandle(h -> h.createQuery(BY_USERNAME).bind("username", username)
        .map((rs, ctx) -> new Object[] {read(rs), rs.getString("password_hash")})
        .findOne())
        .filter(row -> hasher.verify(password, (String) row[1]))
        .map(row -> (Account) row[0]);
  }

  /** The account with {@code id}, if any. */
  public Optional<Account> findById(String id) {
    return jdbi.withHandle(h -> h.createQuery(BY_ID).bind("id", id)
        .map((rs, ctx) -> read(rs)).findOne());
  }

  /** The account named {@code username}, if any. */
  public Optional<Account> findByUsername(String username) {
    return jdbi.withHandle(h -> h.createQuery(BY_USERNAME).bind("username", username)
        .map((rs, ctx) -> read(rs)).findOne());
  }

  /** Whether no account exists yet (a first start). */
  public boolean isEmpty() {
    return jdbi.withHandle(h -> h.createQuery(COUNT).mapTo(Integer.class).one()) == 0;
  }

  private static Account read(ResultSet rs) throws SQLException {
    return new Account(rs.getString("id"), rs.getString("username"),
        Role.parse(rs.getString("role")).orElseThrow(),
        Timestamps.parse(rs.getString("created_at")));
  }

  /** Whether a failed statement broke a UNIQUE constraint (SQLite's or PostgreSQL's code). */
  static boolean isUniqueViolation(UnableToExecuteStatementException e) {
    Throwable cause = e.getCause();
    if (cause instanceof java.sql.SQLException sql) {
      return "23505".equals(sql.getSQLState())
          || (sql.getMessage() != null && sql.getMessage().contains("UNIQUE constraint failed"));
    }
    return false;
  }
}
