package org.screenroom.server.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.screenroom.catalog.account.AccountStore;
import org.screenroom.catalog.account.ApiTokenStore;
import org.screenroom.catalog.account.LoginThrottle;
import org.screenroom.catalog.account.PasswordHasher;
import org.screenroom.catalog.account.SessionStore;
import org.screenroom.catalog.db.Database;
import org.screenroom.catalog.collection.CollectionStore;
import org.screenroom.catalog.film.FilmGrantStore;
import org.screenroom.catalog.film.FilmImageStore;
import org.screenroom.catalog.film.FilmStore;
import org.screenroom.catalog.job.JobStore;
import org.screenroom.catalog.keys.SigningKeyStore;
import org.screenroom.catalog.upload.UploadStore;
import org.screenroom.server.config.ServerConfig;
import org.screenroom.server.ingest.Ingestor;
import org.screenroom.server.storage.FilmStorage;
import org.screenroom.server.storage.Storages;
import org.screenroom.transcode.TranscodeSettings;
import org.screenroom.transcode.Transcoder;
import org.screenroom.transcode.process.ProcessRunner;

/**
 * The application's parts wired once from the configuration: catalog, stores, ffmpeg and the
 * ingestor. Shared by {@code serve} and {@code ingest}; holds no HTTP.
 */
public final class Screenroom implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Screenroom.class);
  private final ServerConfig config;
  private final Clock clock;
  private final Database database;
  private final FilmStore films;
  private final JobStore jobs;
  private final FilmImageStore images;
  private final FilmGrantStore grants;
  private final CollectionStore collections;
  private final AccountStore accounts;
  private final ApiTokenStore tokens;
  private final SessionStore sessions;
  private final LoginThrottle loginThrottle;
  private final SigningKeyStore keys;
  private final UploadStore uploads;
  private final FilmFiles files;
  private final FilmStorage filmStorage;
  private final ToolchainStatus toolchain;
  private final Optional<Transcoder> transcoder;
  private final Optional<String> generatedAdminPassword;
  private final List<Ingestor.FilmChanged> listeners = new CopyOnWriteArrayList<>();

  private Screenroom(ServerConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data directory " + config.dataDir()
          + ": choose a writable --data directory", e);
    }
    this.database = Database.open(config.catalog());
    this.films = new FilmStore(database, clock);
    this.jobs = new JobStore(database, clock);
    this.images = new FilmImageStore(database);
    this.grants = new FilmGrantStore(database, clock);
    this.collections = new CollectionStore(database, clock);
    this.accounts = new AccountStore(database, clock, new PasswordHasher());
    this.tokens = new ApiTokenStore(database, clock);
    this.sessions = new SessionStore(database, clock, config.access().sessionIdle(),
        config.access().sessionLifetime());
    this.loginThrottle = new LoginThrottle(database, clock, config.access().loginPolicy());
    this.keys = new SigningKeyStore(database, clock);
    this.uploads = new UploadStore(database, clock);
    this.files = new FilmFiles(config.dataDir());
    this.filmStorage = new FilmStorage(Storages.open(config.storage(), config.dataDir()));
    LOG.info("films are kept in {}", filmStorage.storage().describe());
    this.generatedAdminPassword = AdminBootstrap.ensureAdmin(accounts, config.adminPassword());
    this.toolchain = ToolchainStatus.resolve(config.ffmpeg(), config.ffprobe(), config.cacheDir());
    toolchain.toolchain().ifPresent(t -> LOG.info("transcoding with {}", t.describe()));
    TranscodeSettings settings = transcodeSettings(config);
    this.transcoder = toolchain.toolchain().map(t -> new Transcoder(t, new ProcessRunner(), settings, clock));
  }

  /** How {@code config} says films are transcoded (a server and a clustered worker alike). */
  public static TranscodeSettings transcodeSettings(ServerConfig config) {
    TranscodeSettings d = TranscodeSettings.defaults();
    return new TranscodeSettings(d.table(), config.segmentSeconds(), d.keyframeSeconds(),
        config.x264Preset(), d.timeout(), d.probeTimeout());
  }

  /**
   * Opens the data directory: creates it, migrates the catalog, creates the first admin on an
   * empty catalog and finds ffmpeg.
   */
  public static Screenroom open(ServerConfig config, Clock clock) {
    return new Screenroom(config, clock);
  }

  /** The ingestor, when ffmpeg is usable; else the reason it is not. */
  public Ingestor ingestor() {
    Transcoder t = transcoder.orElseThrow(() -> new IllegalStateException(
        toolchain.problem().orElse("ffmpeg is not usable")));
    return new Ingestor(films, files, t, clock, this::filmChanged, filmStorage);
  }

  /** Registers a listener told whenever the ingestor changes a film. */
  public void onFilmChanged(Ingestor.FilmChanged listener) {
    listeners.add(listener);
  }

  /** Tells every listener registered with {@link #onFilmChanged} that a film changed. */
  public void filmChanged(String filmId) {
    listeners.forEach(l -> l.changed(filmId));
  }

  /** The admin password generated on this first start, to print once. */
  public Optional<String> generatedAdminPassword() {
    return generatedAdminPassword;
  }

  public ServerConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public Database database() {
    return database;
  }

  public FilmStore films() {
    return films;
  }

  public JobStore jobs() {
    return jobs;
  }

  public FilmImageStore images() {
    return images;
  }

  public FilmGrantStore grants() {
    return grants;
  }

  public CollectionStore collections() {
    return collections;
  }

  public AccountStore accounts() {
    return accounts;
  }

  public ApiTokenStore tokens() {
    return tokens;
  }

  public SessionStore sessions() {
    return sessions;
  }

  public LoginThrottle loginThrottle() {
    return loginThrottle;
  }

  public SigningKeyStore keys() {
    return keys;
  }

  public UploadStore uploads() {
    return uploads;
  }

  public FilmFiles files() {
    return files;
  }

  public ToolchainStatus toolchain() {
    return toolchain;
  }

  /** How long signed playback URLs live. */
  public Duration playbackTtl() {
    return config.playbackTtl();
  }

  /** Where masters and packages are kept (the data directory, or an S3 bucket). */
  public FilmStorage filmStorage() {
    return filmStorage;
  }

  @Override
  public void close() {
    if (filmStorage.storage() instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", filmStorage.storage().describe(), e);
      }
    }
    // SQLite connections are opened per use; a PostgreSQL catalog's connection pool closes here.
    database.close();
  }
}
