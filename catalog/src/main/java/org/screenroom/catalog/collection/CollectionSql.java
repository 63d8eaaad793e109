package org.screenroom.catalog.collection;

/** The collection feature's SQL, in one place and named. */
final class CollectionSql {
  private CollectionSql() {}

  static final String INSERT = """
      INSERT INTO collections (id, owner_id, title, description, visibility, created_at, updated_at)
      VALUES (:id, :ownerId, :title, :description, :visibility, :now, :now)
      """;
  static final String SELECT_ONE = "SELECT * FROM collections WHERE id = :id";
  /** Every collection for an admin, else public ones and the caller's own; newest first. */
  static final String LIST = """
      SELECT * FROM collections
      WHERE :everything = 1 OR visibility = 'public' OR owner_id = :ownerId
      ORDER BY created_at DESC, id
      LIMIT :limit
      """;
  static final String SELECT_FILMS =
      "SELECT film_id FROM collection_films WHERE collection_id = :id ORDER BY ord";
  static final String DELETE_FILMS = "DELETE FROM collection_films WHERE collection_id = :id";
  static final String INSERT_FILM = """
      INSERT INTO collection_films (collection_id, ord, film_id) VALUES (:id, :ord, :filmId)
      """;
  static final String TOUCH = "UPDATE collections SET updated_at = :now WHERE id = :id";
  static final String DELETE = "DELETE FROM collections WHERE id = :id";
}
