package org.screenroom.server.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.testing.PostgresCatalogs;

/** Every {@link PackageSweeperTest} case against a real PostgreSQL catalog. */
class PackageSweeperPostgresTest extends PackageSweeperTest {
  @RegisterExtension final PostgresCatalogs postgres = new PostgresCatalogs();

  @Override
  Database open(Path dir) {
    return postgres.open();
  }
}
