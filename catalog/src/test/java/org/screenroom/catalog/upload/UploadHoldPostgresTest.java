package org.screenroom.catalog.upload;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.testing.PostgresCatalogs;

/** Every {@link UploadHoldTest} case against a real PostgreSQL catalog. */
class UploadHoldPostgresTest extends UploadHoldTest {
  @RegisterExtension final PostgresCatalogs postgres = new PostgresCatalogs();

  @Override
  Database open() {
    return postgres.open();
  }
}
