package org.screenroom.catalog.db;

/** A catalog operation failed for a reason outside the caller's input (I/O, migration, SQL). */
public class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what failed and its cause. */
  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception with a message that says what failed. */
  public CatalogException(String message) {
    super(message);
  }
}
