package org.screenroom.catalog.account;

/** An account with this username already exists. */
public final class UsernameTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code username}. */
  public UsernameTakenException(String username) {
    super("The username '" + username + "' is taken: choose another.");
  }
}
