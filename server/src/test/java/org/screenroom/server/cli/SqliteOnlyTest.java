package org.screenroom.server.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.screenroom.server.config.ConfigException;
import org.screenroom.server.config.ConfigLoader;
import org.screenroom.server.config.ServerConfig;

class SqliteOnlyTest {
  @ParameterizedTest
  @ValueSource(strings = {"backup", "restore"})
  void postgresqlCatalog_isRefused_namingPgDump(String command) {
    ServerConfig config = ConfigLoader.load(
        Map.of("db-url", "jdbc:postgresql://db:5432/screenroom"), Map.of(), Map.of());

    assertThatThrownBy(() -> SqliteOnly.check(config, command))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'" + command + "'")
        .hasMessageContaining("pg_dump");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jdbc:sqlite:/srv/films/catalog.db"})
  void sqliteCatalog_isAccepted(String url) {
    ServerConfig config = ConfigLoader.load(url.isEmpty() ? Map.of() : Map.of("db-url", url),
        Map.of(), Map.of());

    assertThatCode(() -> SqliteOnly.check(config, "backup")).doesNotThrowAnyException();
  }
}
