package org.screenroom.catalog.film;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.db.Database;
import org.sqlite.SQLiteDataSource;

/** A catalog made before V11 upgrades: films keep their rows, gain a slug and stay searchable. */
class FilmMigrationTest {
  @TempDir Path dir;

  @Test
  void v9Catalog_migratesToV11_withIdSlugsAndARebuiltSearchIndex() throws Exception {
    Path file = dir.resolve("catalog.db");
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + file);
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("9").load().migrate();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO accounts VALUES ('acct00000001', 'ada', 'x', 'filmmaker', "
          + "'2026-01-01T00:00:00.000Z')");
      s.executeUpdate("INSERT INTO films (id, owner_id, title, visibility, status, progress, "
          + "created_at, updated_at) VALUES ('Old_Film-001', 'acct00000001', 'Old film', 'public', "
          + "'draft', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
      s.executeUpdate("INSERT INTO film_credits VALUES ('Old_Film-001', 0, 'director', 'Ousmane Sembène')");
    }

    FilmStore films = new FilmStore(Database.open(file), Clock.systemUTC());

    Film film = films.find("Old_Film-001").orElseThrow();
    assertThat(film.slug()).isEqualTo("Old_Film-001");
    assertThat(films.findBySlug("Old_Film-001")).isPresent();
    assertThat(films.list(new FilmQuery(Optional.empty(), false, Optional.of("sembene"), 10)))
        .extracting(Film::id).containsExactly("Old_Film-001");
    assertThat(films.create("acct00000001", FilmMetadata.titled("Old film", Visibility.DRAFT)).slug())
        .isEqualTo("old-film");
  }
}
