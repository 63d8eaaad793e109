package org.screenroom.catalog.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQLite's and PostgreSQL's migrations go in step: every version has both variants, so a catalog
 * moved between them, or a server upgraded on either, ends at the same schema version. A new
 * SQLite migration without its PostgreSQL variant (in db/postgresql, same file name) fails here.
 */
class MigrationParityTest {
  private static final Pattern VERSIONED = Pattern.compile("V([0-9_.]+)__.+\\.sql");

  @Test
  void everyMigrationVersion_hasASqliteAndAPostgresqlVariant() throws Exception {
    Set<String> sqlite = versions(Dialect.SQLITE);
    Set<String> postgresql = versions(Dialect.POSTGRESQL);

    assertThat(sqlite).contains("1", "9", "11_5");
    assertThat(postgresql).as("db/postgresql must hold a variant of every db/migration version")
        .isEqualTo(sqlite);
  }

  @Test
  void sqliteMigrations_stayInTheirOriginalFolder_soExistingCatalogsValidate() throws Exception {
    // Flyway records each script by its name relative to its location and a checksum of its
    // content: moving SQLite's scripts to another folder would keep both, but this pins the
    // layout that every catalog made so far was migrated from.
    assertThat(Dialect.SQLITE.migrations()).isEqualTo("classpath:db/migration");
    try (Stream<Path> nested = Files.list(folder(Dialect.SQLITE))) {
      assertThat(nested.filter(Files::isDirectory).toList())
          .as("Flyway scans db/migration recursively: no other dialect's folder may sit inside it")
          .isEmpty();
    }
  }

  private static Set<String> versions(Dialect dialect) throws IOException, URISyntaxException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> files = Files.list(folder(dialect))) {
      files.forEach(f -> {
        Matcher m = VERSIONED.matcher(f.getFileName().toString());
        if (m.matches()) {
          out.add(m.group(1).replace('.', '_'));
        }
      });
    }
    return out;
  }

  private static Path folder(Dialect dialect) throws URISyntaxException {
    String resource = dialect.migrations().substring("classpath:".length());
    return Path.of(MigrationParityTest.class.getClassLoader().getResource(resource).toURI());
  }
}
