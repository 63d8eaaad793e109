package org.screenroom.catalog.film;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.testing.PostgresCatalogs;

/** Every {@link PackageVersionStoreTest} case against a real PostgreSQL catalog. */
class PackageVersionStorePostgresTest extends PackageVersionStoreTest {
  @RegisterExtension final PostgresCatalogs postgres = new PostgresCatalogs();

  @Override
  Database open() {
    return postgres.open();
  }
}
