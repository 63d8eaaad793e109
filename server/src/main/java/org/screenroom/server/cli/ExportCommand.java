package org.screenroom.server.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.film.FilmPage;
import org.screenroom.catalog.film.FilmQuery;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.server.config.ServerConfig;
import org.screenroom.server.film.FilmJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code export [FILE]}: every film's metadata as JSON, in the API's shape. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes every film's metadata (credits, visibility, release window, source",
        "checksum, renditions) as one JSON document to FILE, or to stdout without FILE."})
final class ExportCommand implements Callable<Integer> {
  private static final int PAGE = 200;

  @Mixin SharedOptions shared;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Where to write (default: stdout).")
  Path file;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = ConfigLogging.load(shared.flags());
    FilmStore films = new FilmStore(Database.open(config.catalog()), Clock.systemUTC());
    JsonArray items = new JsonArray();
    Optional<String> cursor = Optional.empty();
    do {
      FilmPage page = films.page(new FilmQuery(Optional.empty(), false, Optional.empty(), PAGE,
          Optional.empty(), Optional.empty(), cursor));
      page.items().forEach(f -> items.add(FilmJson.render(f, true).put("ownerId", f.ownerId())));
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    String json = new JsonObject().put("screenroomExport", 1).put("films", items).encodePrettily();
    if (file == null) {
      System.out.println(json);
    } else {
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
      System.err.println("exported " + items.size() + " films to " + file);
    }
    return 0;
  }
}
