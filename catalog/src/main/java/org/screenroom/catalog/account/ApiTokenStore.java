package org.screenroom.catalog.account;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.db.Timestamps;

/**
 * API tokens. A token is 256 random bits shown once; only its SHA-256 is stored, so the database
 * alone cannot be used to call the API. Every method blocks on JDBC: call it from a worker.
 */
public final class ApiTokenStore {
  private static final String PREFIX = "sr_";
  /** "sr_" and 4 random characters: 24 of the 256 bits, enough to recognise, useless to guess. */
  private static final int SHOWN_PREFIX = PREFIX.length() + 4;
  private static final int MAX_LABEL = 64;
  private static final String INSERT = """
      INSERT INTO api_tokens (id, account_id, token_hash, created_at, label, prefix)
      VALUES (:id, :accountId, :hash, :now, :label, :prefix)
      """;
  private static final String LIST = """
      SELECT id, label, prefix, created_at, last_used_at, revoked_at FROM api_tokens
      WHERE account_id = :accountId ORDER BY created_at DESC, id
      """;
  private static final String REVOKE_BY_ID = """
      UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, :now)
      WHERE id = :id AND account_id = :accountId
      """;
  private static final String FIND_ACCOUNT = """
      SELECT t.id AS token_id, a.id, a.username, a.role, a.created_at
      FROM api_tokens t JOIN accounts a ON a.id = t.account_id
      WHERE t.token_hash = :hash AND t.revoked_at IS NULL
      """;
  private static final String TOUCH = "UPDATE api_tokens SET last_used_at = :now WHERE id = :id";
  private static final String REVOKE =
      "UPDATE api_tokens SET revoked_at = :now WHERE token_hash = :hash AND revoked_at IS NULL";

  private final Jdbi jdbi;
  private final Clock clock;

  /** Creates the store over {@code database}. */
  public ApiTokenStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Issues a new unlabelled token for {@code accountId} and answers its plain text (shown only now). */
  public String issue(String accountId) {
    return issue(accountId, Optional.empty());
  }

  /**
   * Issues a new token for {@code accountId} and answers its plain text (shown only now).
   *
   * @throws IllegalArgumentException when the label is blank, longer than 64 characters or holds
   *     control characters
   */
  public String issue(String accountId, Optional<String> label) {
    label.ifPresent(ApiTokenStore::checkLabel);
    String token = PREFIX + Secrets.newSecret();
    jdbi.useHandle(h -> h.createUpdate(INSERT).bind("id", Ids.newId())
        .bind("accountId", accountId).bind("hash", Secrets.sha256(token))
        .bind("now", Timestamps.format(clock.instant()))
        .bind("label", label.orElse(null)).bind("prefix", token.substring(0, SHOWN_PREFIX))
        .execute());
    return token;
  }

  /**
   * Checks a token label.
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong
   */
  public static void checkLabel(String label) {
    if (label.isBlank() || label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("label must be 1 to " + MAX_LABEL
          + " printable characters.");
    }
  }

  /** The tokens of {@code accountId}, newest first, revoked ones included. */
  public List<ApiToken> list(String accountId) {
    return jdbi.withHandle(h -> h.createQuery(LIST).bind("accountId", accountId)
        .map((rs, ctx) -> new ApiToken(rs.getString("id"), Optional.ofNullable(rs.getString("label")),
            Optional.ofNullable(rs.getString("prefix")).orElse(PREFIX),
            Timestamps.parse(rs.getString("created_at")),
            Optional.ofNullable(Timestamps.parse(rs.getString("last_used_at"))),
            Optional.ofNullable(Timestamps.parse(rs.getString("revoked_at")))))
        .list());
  }

  /**
   * Revokes the token {@code tokenId} of {@code accountId} (already revoked stays as it was).
   * Answers false when that account has no such token, so others' ids cannot be probed.
   */
  public boolean revoke(String accountId, String tokenId) {
    return jdbi.withHandle(h -> h.createUpdate(REVOKE_BY_ID).bind("id", tokenId)
        .bind("accountId", accountId).bind("now", Timestamps.format(clock.instant())).execute()) > 0;
  }

  /** The account a live token belongs to (recording its use), or empty. */
  public Optional<Account> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String hash = Secrets.sha256(token);
    // Read, then touch in its own statement: a read transaction that upgrades to a write fails
    // at once with SQLITE_BUSY (no busy wait) whenever another writer committed meanwhile, which
    // turned API calls into 500s while a transcode or a download recorded progress.
    record Found(String tokenId, Account account) {}
    Optional<Found> found = jdbi.withHandle(h -> h.createQuery(FIND_ACCOUNT).bind("hash", hash)
        .map((rs, ctx) -> new Found(rs.getString("token_id"), new Account(rs.getString("id"),
            rs.getString("username"), Role.parse(rs.getString("role")).orElseThrow(),
            Timestamps.parse(rs.getString("created_at")))))
        .findOne());
    found.ifPresent(f -> jdbi.useHandle(h -> h.createUpdate(TOUCH).bind("id", f.tokenId())
        .bind("now", Timestamps.format(clock.instant())).execute()));
    return found.map(Found::account);
  }

  /** Revokes {@code token}; answers whether a live token was revoked. */
  public boolean revoke(String token) {
    return jdbi.withHandle(h -> h.createUpdate(REVOKE).bind("hash", Secrets.sha256(token))
        .bind("now", Timestamps.format(clock.instant())).execute()) > 0;
  }
}
