package org.screenroom.server.image;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.screenroom.catalog.db.Ids;
import org.screenroom.catalog.film.FilmImage;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.server.http.ApiError;
import org.screenroom.transcode.process.ProcessFailedException;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns uploaded bytes into stored JPEG renditions: probe as the declared type, refuse what is not
 * a picture or is too large in pixels, decode once and resize to {@link ImageCommands#widths}
 * with the bundled ffmpeg, then move the files into {@code films/ID/images/}. Blocking: run it on
 * a worker.
 */
public final class ImageProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(ImageProcessor.class);
  /** Largest side accepted; guards the decoder against pixel bombs. */
  static final int MAX_SIDE = 16_384;
  static final long MAX_PIXELS = 80_000_000L;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration RESIZE_TIMEOUT = Duration.ofSeconds(90);

  private final Toolchain tools;
  private final ProcessRunner runner;
  private final FilmFiles files;
  private final Clock clock;

  /** Creates the processor. */
  public ImageProcessor(Toolchain tools, ProcessRunner runner, FilmFiles files, Clock clock) {
    this.tools = tools;
    this.runner = runner;
    this.files = files;
    this.clock = clock;
  }

  /**
   * Stores {@code bytes} as a new image of {@code filmId}.
   *
   * @throws ApiError 400 when the bytes are not a picture of {@code type} or are too large
   */
  public FilmImage store(String filmId, FilmImage.Kind kind, ImageType type, Buffer bytes)
      throws InterruptedException {
    Path dir = files.imagesDir(filmId);
    Path staging = null;
    try {
      Files.createDirectories(dir);
      staging = Files.createTempDirectory(dir, ".upload-");
      Path input = staging.resolve("upload");
      Files.write(input, bytes.getBytes());
      ImageProbe probe = probe(type, input);
      String name = Ids.newId();
      List<Integer> widths = ImageCommands.widths(probe.width());
      List<Path> outputs = widths.stream().map(w -> ImagePath.fileName(name, w))
          .map(staging::resolve).toList();
      run(ImageCommands.resize(tools.ffmpeg(), type, input, widths, outputs), RESIZE_TIMEOUT, type);
      for (Path out : outputs) {
        if (!Files.isRegularFile(out) || Files.size(out) == 0) {
          throw notAnImage(type);
        }
      }
      for (Path out : outputs) {
        Files.move(out, dir.resolve(out.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
      return new FilmImage(name, kind, probe.width(), probe.height(), widths, clock.instant());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store an image of film " + filmId, e);
    } finally {
      deleteTree(staging);
    }
  }

  /** Deletes the files of {@code image}; a file that cannot go is logged, not fatal. */
  public void delete(String filmId, FilmImage image) {
    for (int width : image.widths()) {
      Path file = files.imagesDir(filmId).resolve(ImagePath.fileName(image.name(), width));
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("could not delete the replaced image {}: {}", file, e.toString());
      }
    }
  }

  private ImageProbe probe(ImageType type, Path input) throws InterruptedException {
    String json = run(ImageCommands.probe(tools.ffprobe(), type, input), PROBE_TIMEOUT, type);
    ImageProbe probe = ImageProbe.parse(json).filter(p -> p.codec().equals(type.codec()))
        .orElseThrow(() -> notAnImage(type));
    if (probe.width() > MAX_SIDE || probe.height() > MAX_SIDE
        || (long) probe.width() * probe.height() > MAX_PIXELS) {
      throw ApiError.of(400, "The image is " + probe.width() + "x" + probe.height()
          + " pixels; at most " + MAX_SIDE + " pixels a side and " + MAX_PIXELS / 1_000_000
          + " megapixels are accepted.");
    }
    return probe;
  }

  private String run(List<String> argv, Duration timeout, ImageType type)
      throws InterruptedException {
    try {
      return runner.run(ProcessRequest.of(argv, tools.environment(), timeout)).stdout();
    } catch (ProcessFailedException e) {
      LOG.info("image refused: {} (exit {}): {}", argv.get(0), e.exitCode(), e.stderrTail());
      throw notAnImage(type);
    }
  }

  private static ApiError notAnImage(ImageType type) {
    return ApiError.of(400, "The body is not a readable " + type.name() + " image: send the image "
        + "file itself, with Content-Type " + type.mediaType() + ".");
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not clean {}: {}", dir, e.toString());
    }
  }
}
