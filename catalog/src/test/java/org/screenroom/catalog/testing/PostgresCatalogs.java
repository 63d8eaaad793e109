package org.screenroom.catalog.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.screenroom.catalog.db.CatalogLocation;
import org.screenroom.catalog.db.Database;

/**
 * Catalogs on the test {@link PostgresServer}, empty at the start of each test: register it as
 * a field ({@code @RegisterExtension}); {@link #open()} opens the test's catalog, again for a
 * second "server" on the same catalog. After the test the connection pools close.
 */
public final class PostgresCatalogs implements AfterEachCallback {
  private final List<Database> opened = new ArrayList<>();
  private CatalogLocation location;

  /** Opens this test's catalog, creating its database on first use. */
  public synchronized Database open() {
    Database db = Database.open(location());
    opened.add(db);
    return db;
  }

  /** This test's catalog, emptied on first use in the test. */
  public synchronized CatalogLocation location() {
    if (location == null) {
      location = PostgresServer.shared().freshCatalog();
    }
    return location;
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    opened.forEach(Database::close);
    opened.clear();
    location = null;
  }
}
