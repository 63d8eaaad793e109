package org.screenroom.server.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.keys.SigningKey;
import org.screenroom.catalog.keys.SigningKeyStore;
import org.screenroom.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code keys list|rotate}: the playback signing keys. Rotation is safe while servers run: they
 * pick the new key up within {@code Server.KEY_REFRESH} and keep accepting the old one until
 * its tokens have expired ({@code key-retention}).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Lists or rotates the keys that sign playback URLs.",
    subcommands = {KeysCommand.ListKeys.class, KeysCommand.Rotate.class})
final class KeysCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("name a subcommand: 'keys list' or 'keys rotate'");
    return 2;
  }

  private static SigningKeyStore store(ServerConfig config) {
    return new SigningKeyStore(Database.open(config.catalogFile()), Clock.systemUTC());
  }

  /** {@code keys list}: kid, created, retired; the first listed active key signs. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Prints every signing key (never its secret), newest first.")
  static final class ListKeys implements Callable<Integer> {
    @Mixin SharedOptions shared;

    @Override
    public Integer call() {
      store(ConfigLogging.load(shared.flags())).list().forEach(k -> System.out.println(
          k.kid() + "  created " + k.createdAt()
              + (k.retiredAt() == null ? "  active" : "  retired " + k.retiredAt())));
      return 0;
    }
  }

  /** {@code keys rotate}: a new signing key; prints its kid last. */
  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = {"Makes a new signing key. Old keys keep verifying until key-retention has",
          "passed, so URLs already handed out keep working."})
  static final class Rotate implements Callable<Integer> {
    @Mixin SharedOptions shared;

    @Override
    public Integer call() {
      ServerConfig config = ConfigLogging.load(shared.flags());
      SigningKey key = store(config).rotate(config.stream().keyRetention());
      System.out.println("new signing key: " + key.kid());
      return 0;
    }
  }
}
