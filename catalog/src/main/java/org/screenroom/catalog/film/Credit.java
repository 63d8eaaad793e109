package org.screenroom.catalog.film;

import java.util.Objects;

/** One credit line: a role (director, writer, cast ...) and the person's name. */
public record Credit(String role, String name) {
  /** Validates that both parts are present. */
  public Credit {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
  }
}
