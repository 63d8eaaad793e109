package org.screenroom.server.cli;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.screenroom.catalog.db.Backup;
import org.screenroom.server.app.DataDirLock;
import org.screenroom.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code restore FILE}: replaces the catalog with a backup, while no server runs. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Replaces the catalog with a backup made by 'backup', after checking it. The",
        "current catalog is kept beside it as catalog.db.before-restore-TIME. Stop the server first."})
final class RestoreCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Mixin SharedOptions shared;

  @Parameters(index = "0", paramLabel = "FILE", description = "The backup file to restore.")
  Path file;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = ConfigLogging.load(shared.flags());
    SqliteOnly.check(config, "restore");
    try (DataDirLock lock = DataDirLock.tryAcquire(config.dataDir()).orElseThrow(() ->
        new IllegalStateException("A Screenroom server is running on " + config.dataDir()
            + ": stop it, then restore."))) {
      Path kept = Backup.restore(file, config.catalogFile(), STAMP.format(java.time.Instant.now()));
      System.out.println("catalog restored from " + file + "; the previous one is kept as " + kept);
    }
    return 0;
  }
}
