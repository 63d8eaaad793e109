package org.screenroom.catalog.keys;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.testing.PostgresCatalogs;

/** Every {@link SigningKeyStoreTest} case against a real PostgreSQL catalog. */
class SigningKeyStorePostgresTest extends SigningKeyStoreTest {
  @RegisterExtension final PostgresCatalogs postgres = new PostgresCatalogs();

  @Override
  Database open() {
    return postgres.open();
  }
}
