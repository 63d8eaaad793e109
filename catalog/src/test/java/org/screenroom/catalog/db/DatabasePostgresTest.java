package org.screenroom.catalog.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.screenroom.catalog.testing.PostgresServer;

/** Opening a PostgreSQL catalog: migrations from an empty database, again, and failures. */
class DatabasePostgresTest {
  @TempDir Path dir;

  @Test
  void open_emptyDatabase_appliesEveryMigrationOnce_sameVersionsAsSqlite() {
    CatalogLocation location = PostgresServer.shared().newEmptyDatabase();
    try {
      List<String> first;
      try (Database db = Database.open(location)) {
        assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
        db.ping();
        first = versions(db);
      }
      try (Database again = Database.open(location)) {
        assertThat(versions(again)).isEqualTo(first);
      }
      assertThat(first).isEqualTo(versions(Database.open(dir.resolve("catalog.db"))));
    } finally {
      PostgresServer.shared().drop(location);
    }
  }

  @Test
  void open_searchIndex_isAGinIndexOverAWeightedDocument() {
    try (Database db = Database.open(PostgresServer.shared().freshCatalog())) {
      String index = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT indexdef FROM pg_indexes WHERE tablename = 'film_search' AND indexname = 'film_search_document'")
          .mapTo(String.class).one());

      assertThat(index).contains("USING gin (document)");
    }
  }

  @Test
  void open_nothingListening_isACatalogExceptionNamingTheSettings() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    CatalogLocation nowhere = new CatalogLocation("jdbc:postgresql://127.0.0.1:" + port
        + "/screenroom?password=hunter22&connectTimeout=2", Optional.of("screenroom"), Optional.empty());

    assertThatThrownBy(() -> Database.open(nowhere))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("Cannot connect to the catalog")
        .hasMessageContaining("check db-url")
        .hasMessageNotContaining("hunter22");
  }

  @Test
  void file_ofAPostgresqlCatalog_isRefused() {
    try (Database db = Database.open(PostgresServer.shared().freshCatalog())) {
      assertThatThrownBy(db::file).isInstanceOf(IllegalStateException.class);
    }
  }

  private static List<String> versions(Database db) {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
        .mapTo(String.class).list());
  }
}
