package org.screenroom.catalog.upload;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.testing.PostgresCatalogs;

/** Every {@link UrlDownloadStoreTest} case against a real PostgreSQL catalog. */
class UrlDownloadStorePostgresTest extends UrlDownloadStoreTest {
  @RegisterExtension final PostgresCatalogs postgres = new PostgresCatalogs();

  @Override
  Database open() {
    return postgres.open();
  }
}
