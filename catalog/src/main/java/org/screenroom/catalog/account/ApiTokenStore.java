package org.screenroom.catalog.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
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
  private static final int TOKEN_BYTES = 32;
  private static final String INSERT = """
      INSERT INTO api_tokens (id, account_id, token_hash, created_at)
      VALUES (:id, :accountId, :hash, :now)
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
  private final SecureRandom random = new SecureRandom();

  /** Creates the store over {@code database}. */
  public ApiTokenStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  /** Issues a new token for {@code accountId} and answers its plain text (shown only now). */
  public String issue(String accountId) {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbi.useHandle(h -> h.createUpdate(INSERT).bind("id", Ids.newId())
        .bind("accountId", accountId).bind("hash", sha256(token))
        .bind("now", Timestamps.format(clock.instant())).execute());
    return token;
  }

  /** The account a live token belongs to (recording its use), or empty. */
  public Optional<Account> authenticate(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String hash = sha256(token);
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
    return jdbi.withHandle(h -> h.createUpdate(REVOKE).bind("hash", sha256(token))
        .bind("now", Timestamps.format(clock.instant())).execute()) > 0;
  }

  private static String sha256(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
