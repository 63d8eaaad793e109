package org.screenroom.catalog.account;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.testing.PostgresCatalogs;

/** Every {@link AccountsTest} case against a real PostgreSQL catalog. */
class AccountsPostgresTest extends AccountsTest {
  @RegisterExtension final PostgresCatalogs postgres = new PostgresCatalogs();

  @Override
  Database open() {
    return postgres.open();
  }
}
