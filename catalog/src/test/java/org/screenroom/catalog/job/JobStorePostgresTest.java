package org.screenroom.catalog.job;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.testing.PostgresCatalogs;

/** Every {@link JobStoreTest} case against a real PostgreSQL catalog. */
class JobStorePostgresTest extends JobStoreTest {
  @RegisterExtension final PostgresCatalogs postgres = new PostgresCatalogs();

  @Override
  Database open() {
    return postgres.open();
  }
}
