package org.screenroom.server.storage;

import java.util.regex.Pattern;

/**
 * The one check every key and prefix passes before storage is touched: relative,
 * slash-separated segments of letters, digits, {@code .}, {@code _} and {@code -}, none empty,
 * none starting with a dot (so no {@code .} or {@code ..}, and temporary files stay hidden). No
 * backslash, no percent-escape, no control character, no leading slash. Pure.
 */
public final class StorageKey {
  /** S3 allows 1024 bytes per key; a bucket prefix is added in front. */
  static final int MAX_LENGTH = 900;
  private static final Pattern KEY =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

  private StorageKey() {}

  /** Whether {@code key} names an object. */
  public static boolean valid(String key) {
    return key != null && key.length() <= MAX_LENGTH && KEY.matcher(key).matches();
  }

  /**
   * Returns {@code key} when valid.
   *
   * @throws IllegalArgumentException naming the refused key
   */
  public static String require(String key) {
    if (!valid(key)) {
      throw new IllegalArgumentException("not a valid storage key: '" + key + "'");
    }
    return key;
  }

  /**
   * Returns {@code prefix} when it is empty or a valid key followed by {@code /}.
   *
   * @throws IllegalArgumentException naming the refused prefix
   */
  public static String requirePrefix(String prefix) {
    if (prefix == null || !(prefix.isEmpty()
        || prefix.endsWith("/") && valid(prefix.substring(0, prefix.length() - 1)))) {
      throw new IllegalArgumentException("not a valid storage prefix: '" + prefix + "'");
    }
    return prefix;
  }
}
