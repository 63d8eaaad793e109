package org.screenroom.catalog.collection;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.testing.PostgresCatalogs;

/** Every {@link CollectionStoreTest} case against a real PostgreSQL catalog. */
class CollectionStorePostgresTest extends CollectionStoreTest {
  @RegisterExtension final PostgresCatalogs postgres = new PostgresCatalogs();

  @Override
  Database open() {
    return postgres.open();
  }
}
