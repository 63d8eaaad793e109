package org.screenroom.server.app;

import java.security.SecureRandom;
import java.util.Optional;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.Role;

/**
 * On an empty catalog, creates the {@code admin} account with the configured password, or a
 * generated one that is printed once.
 */
public final class AdminBootstrap {
  /** The first admin's username. */
  public static final String ADMIN = "admin";
  private static final char[] ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

  private AdminBootstrap() {}

  /**
   * Creates the admin if no account exists.
   *
   * @return the generated password to show once, or empty when none was generated
   */
  public static Optional<String> ensureAdmin(AccountStore accounts, Optional<String> configured) {
    if (!accounts.isEmpty()) {
      return Optional.empty();
    }
    String password = configured.orElseGet(AdminBootstrap::generate);
    accounts.create(ADMIN, password, Role.ADMIN);
    return configured.isPresent() ? Optional.empty() : Optional.of(password);
  }

  private static String generate() {
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return out.toString();
  }
}
