package org.screenroom.server.config;

import java.util.List;

/** The configuration cannot be used; the message lists every problem and how to fix it. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  /** Creates the exception from one sentence per problem. */
  public ConfigException(List<String> problems) {
    super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One sentence per problem. */
  public List<String> problems() {
    return problems;
  }
}
