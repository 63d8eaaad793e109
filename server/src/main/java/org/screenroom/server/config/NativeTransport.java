package org.screenroom.server.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the server uses Netty's native epoll transport (config key {@code native-transport}).
 * epoll is what lets a segment response cork its socket ({@code TCP_CORK}); NIO has no cork.
 */
public enum NativeTransport {
  /** epoll where the platform has it (Linux x86-64), NIO elsewhere. */
  AUTO,
  /** epoll, or the server refuses to start and says why it is unavailable. */
  ON,
  /** NIO everywhere. */
  OFF;

  /** The value for a config string: auto, on or off (true and false are on and off). */
  public static Optional<NativeTransport> parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> Optional.of(AUTO);
      case "on", "true" -> Optional.of(ON);
      case "off", "false" -> Optional.of(OFF);
      default -> Optional.empty();
    };
  }

  /** As spelled in the configuration. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
