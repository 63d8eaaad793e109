package org.screenroom.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.screenroom.catalog.db.Backup;
import org.screenroom.catalog.db.Database;
import org.screenroom.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code backup FILE}: a consistent copy of the catalog, safe while the server runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Writes a consistent copy of the catalog (films, accounts, tokens, keys) to FILE,",
        "safe while the server is serving; the copy is integrity-checked. Masters and packages",
        "under DATA/films are plain files: back them up with your usual file tools."})
final class BackupCommand implements Callable<Integer> {
  @Mixin SharedOptions shared;

  @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the backup (must not exist).")
  Path file;

  @Override
  public Integer call() {
    ServerConfig config = ConfigLogging.load(shared.flags());
    SqliteOnly.check(config, "backup");
    Backup.write(Database.open(config.catalog()), file);
    System.out.println("backup written: " + file.toAbsolutePath() + " (integrity check ok)");
    return 0;
  }
}
