package org.screenroom.catalog.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.screenroom.catalog.db.CatalogLocation;
import org.screenroom.catalog.db.Database;

/**
 * A real PostgreSQL server for the tests, started once per test JVM from the machine's PostgreSQL
 * binaries (Debian's {@code postgresql} package: {@code /usr/lib/postgresql/N/bin}, or
 * {@code SCREENROOM_PG_BIN}) into a temporary directory, on a free loopback port, and stopped
 * when the JVM exits. PostgreSQL refuses to run as root, so under root (CI) it runs as the
 * {@code postgres} user (or {@code nobody}) through {@code runuser}. Each test gets a database
 * of its own from {@link #newDatabase()}.
 */
public final class PostgresServer {
  /** The superuser initdb creates; trust authentication on loopback, so no password. */
  public static final String USER = "screenroom";
  private static final long START_SECONDS = 60;
  private static PostgresServer shared;

  private final Path bin;
  private final Path dir;
  private final Optional<String> runAs;
  private final int port;
  private final AtomicInteger databases = new AtomicInteger();
  private CatalogLocation catalog;

  private PostgresServer(Path bin, Path dir, Optional<String> runAs, int port) {
    this.bin = bin;
    this.dir = dir;
    this.runAs = runAs;
    this.port = port;
  }

  /** The server of this JVM, started on first use. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /**
   * The JVM's shared catalog database, migrated on first use and emptied of rows (every table
   * but Flyway's) on each call, so every test starts from a freshly migrated catalog. Creating a
   * database per test costs seconds; emptying one, milliseconds. Tests in one JVM run one after
   * another, so they never share it at the same time.
   */
  public synchronized CatalogLocation freshCatalog() {
    if (catalog == null) {
      catalog = create("catalog", "");
      Database.open(catalog).close();
    }
    try (Connection c = DriverManager.getConnection(catalog.url(), USER, "");
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (var rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
          + " AND tablename <> 'flyway_schema_history'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      s.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot empty the test catalog: " + e.getMessage(), e);
    }
    return catalog;
  }

  /** A new database with no tables, to see the migrations run from the first. */
  public CatalogLocation newEmptyDatabase() {
    return create("empty_" + databases.incrementAndGet(), "");
  }

  private CatalogLocation create(String name, String options) {
    execute("CREATE DATABASE " + name + options);
    return new CatalogLocation(url(name), Optional.of(USER), Optional.empty());
  }

  /** Drops a database made by {@link #newDatabase()}, ending its sessions. */
  public void drop(CatalogLocation location) {
    String name = location.url().substring(location.url().lastIndexOf('/') + 1);
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** The JDBC URL of database {@code name} on this server. */
  public String url(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  private void execute(String sql) {
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on the test PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static PostgresServer start() {
    Path bin = binaries();
    Optional<String> runAs = "root".equals(System.getProperty("user.name"))
        ? Optional.of(exists("postgres") ? "postgres" : "nobody") : Optional.empty();
    try {
      Path dir = Files.createTempDirectory("screenroom-pg-");
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      PostgresServer server = new PostgresServer(bin, dir, runAs, port);
      if (runAs.isPresent()) {
        server.run(List.of("chown", runAs.get(), dir.toString()), false);
      }
      server.run(List.of(bin.resolve("initdb").toString(), "-D", server.data(), "-U", USER,
          "-A", "trust", "--encoding=UTF8", "--no-locale", "--no-sync"), true);
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
      // fsync off and a socket in our own directory: a throwaway server that needs nothing of
      // the machine's /var/run/postgresql.
      server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", server.data(), "-l",
          dir.resolve("postgres.log").toString(), "-w", "-t", Long.toString(START_SECONDS), "-o",
          "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -F"
              + " -c max_connections=300 -c shared_buffers=32MB", "start"), true);
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the test PostgreSQL: " + e.getMessage(), e);
    }
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private void stop() {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"), true);
    } catch (RuntimeException e) {
      // Already stopped or never started: the directory goes all the same.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  private void run(List<String> command, boolean asServerUser) {
    List<String> argv = new ArrayList<>();
    if (asServerUser && runAs.isPresent()) {
      argv.addAll(List.of("runuser", "-u", runAs.get(), "--"));
    }
    argv.addAll(command);
    try {
      Path output = Files.createTempFile("screenroom-pg-cmd-", ".log");
      try {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        if (!p.waitFor(START_SECONDS * 2, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException(String.join(" ", argv) + " did not finish");
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue()
              + ": " + Files.readString(output) + logTail());
        }
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", argv) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(String.join(" ", argv) + " was interrupted", e);
    }
  }

  private String logTail() {
    try {
      Path log = dir.resolve("postgres.log");
      return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean exists(String user) {
    try {
      return new ProcessBuilder("id", "-u", user).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The newest PostgreSQL's bin directory, or a failure saying what to install. */
  private static Path binaries() {
    String override = System.getenv("SCREENROOM_PG_BIN");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Optional<Path> newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
            .max(Comparator.comparingInt(PostgresServer::major));
        if (newest.isPresent()) {
          return newest.get().resolve("bin");
        }
      } catch (IOException e) {
        // reported below
      }
    }
    throw new IllegalStateException("The PostgreSQL tests need PostgreSQL's server binaries:"
        + " install them (apt-get install postgresql) or set SCREENROOM_PG_BIN to the directory"
        + " holding initdb and pg_ctl.");
  }

  private static int major(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
