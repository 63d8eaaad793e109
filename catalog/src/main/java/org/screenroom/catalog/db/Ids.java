package org.screenroom.catalog.db;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Random, URL-safe identifiers. Film ids appear in public URLs, so they are unguessable
 * (72 random bits) rather than sequential.
 */
public final class Ids {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  private static final int ID_LENGTH = 12;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{" + ID_LENGTH + "}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new random id of 12 characters from the base64url alphabet. */
  public static String newId() {
    char[] out = new char[ID_LENGTH];
    for (int i = 0; i < ID_LENGTH; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  /** Whether {@code candidate} has the shape of an id made by {@link #newId()}. */
  public static boolean isValid(String candidate) {
    return candidate != null && ID.matcher(candidate).matches();
  }
}
