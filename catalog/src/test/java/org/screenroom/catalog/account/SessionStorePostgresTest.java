package org.screenroom.catalog.account;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.testing.PostgresCatalogs;

/** Every {@link SessionStoreTest} case against a real PostgreSQL catalog. */
class SessionStorePostgresTest extends SessionStoreTest {
  @RegisterExtension final PostgresCatalogs postgres = new PostgresCatalogs();

  @Override
  Database open() {
    return postgres.open();
  }
}
