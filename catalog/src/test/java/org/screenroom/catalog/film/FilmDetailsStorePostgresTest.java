package org.screenroom.catalog.film;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.testing.PostgresCatalogs;

/** Every {@link FilmDetailsStoreTest} case against a real PostgreSQL catalog. */
class FilmDetailsStorePostgresTest extends FilmDetailsStoreTest {
  @RegisterExtension final PostgresCatalogs postgres = new PostgresCatalogs();

  @Override
  Database open() {
    return postgres.open();
  }
}
