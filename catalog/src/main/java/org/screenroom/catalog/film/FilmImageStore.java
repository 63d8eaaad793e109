package org.screenroom.catalog.film;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.db.Timestamps;

/**
 * Which posters and stills a film has (the files themselves live in the data directory). Every
 * method blocks on JDBC: call it from a worker.
 */
public final class FilmImageStore {
  private final Jdbi jdbi;

  /** Creates the store over {@code database}. */
  public FilmImageStore(Database database) {
    this.jdbi = database.jdbi();
  }

  /** Makes {@code image} the film's poster; answers the poster it replaced, whose files may go. */
  public Optional<FilmImage> setPoster(String filmId, FilmImage image) {
    return jdbi.inTransaction(h -> {
      Optional<FilmImage> previous = read(h, filmId).poster();
      h.createUpdate(FilmSql.DELETE_POSTER).bind("id", filmId).execute();
      insertImage(h, filmId, image);
      return previous;
    });
  }

  /** Adds a still after the film's others. */
  public void addStill(String filmId, FilmImage image) {
    jdbi.useHandle(h -> insertImage(h, filmId, image));
  }

  /** Removes the film's image named {@code name}; answers it, or empty when there was none. */
  public Optional<FilmImage> removeImage(String filmId, String name) {
    return jdbi.inTransaction(h -> {
      Optional<FilmImage> image = read(h, filmId).find(name);
      image.ifPresent(i -> h.createUpdate(FilmSql.DELETE_IMAGE).bind("id", filmId)
          .bind("name", name).execute());
      return image;
    });
  }

  private static void insertImage(Handle h, String filmId, FilmImage image) {
    h.createUpdate(FilmSql.INSERT_IMAGE).bind("id", filmId).bind("name", image.name())
        .bind("kind", image.kind().wire()).bind("width", image.width())
        .bind("height", image.height())
        .bind("widths", String.join(",", image.widths().stream().map(String::valueOf).toList()))
        .bind("now", Timestamps.format(image.createdAt())).execute();
  }

  static FilmImages read(Handle h, String filmId) {
    List<FilmImage> all = h.createQuery(FilmSql.SELECT_IMAGES).bind("id", filmId)
        .map((r, c) -> new FilmImage(r.getString("name"),
            FilmImage.Kind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT)),
            r.getInt("width"), r.getInt("height"),
            java.util.Arrays.stream(r.getString("widths").split(",")).map(Integer::valueOf).toList(),
            Timestamps.parse(r.getString("created_at"))))
        .list();
    return new FilmImages(
        all.stream().filter(i -> i.kind() == FilmImage.Kind.POSTER).findFirst(),
        all.stream().filter(i -> i.kind() == FilmImage.Kind.STILL).toList());
  }

}
