package org.screenroom.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.screenroom.catalog.film.Film;
import org.screenroom.catalog.film.FilmQuery;
import org.screenroom.catalog.film.FilmStatus;
import org.screenroom.server.app.Screenroom;
import org.screenroom.server.testing.Cli;
import org.screenroom.server.testing.Media;
import org.screenroom.server.testing.TestServer;

/** The {@code ingest} command's bad-input table and its help. */
class IngestCliTest {
  @TempDir Path work;

  /** Writes the bad input into {@code dir} and answers its path. */
  interface Input {
    Path make(Path dir) throws Exception;
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("missing file", (Input) dir -> dir.resolve("nope.mov"), "does not exist"),
        Arguments.of("text file", (Input) dir -> Files.writeString(dir.resolve("notes.mov"),
            "This is a screenplay, not a film.\n".repeat(50)), "text file, not a video"),
        Arguments.of("empty file", (Input) dir -> Files.createFile(dir.resolve("empty.mp4")), "empty"),
        Arguments.of("directory", (Input) dir -> Files.createDirectory(dir.resolve("folder.mp4")),
            "cannot be read"),
        Arguments.of("audio only", (Input) dir -> audioOnly(dir.resolve("song.m4a")), "only sound, no picture"),
        Arguments.of("truncated mov", (Input) IngestCliTest::truncated, "incomplete or damaged"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void ingest_badInput_exitsNonZeroWithOneSentence_andLeavesNothingReady(String label, Input input,
      String expected) throws Exception {
    Path file = input.make(work);
    Path data = work.resolve("data");

    Cli.Result r = Cli.run(work, "ingest", file.toString(), "--data", data.toString(),
        "--cache-dir", Media.CACHE.toString(), "--admin-password", TestServer.ADMIN_PASSWORD);

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
    List<String> errors = r.stderr().lines().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).as(r.stderr()).hasSize(1);
    assertThat(errors.get(0).toLowerCase()).contains(expected);
    assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.stdout().lines().filter(l -> l.matches("[A-Za-z0-9_-]{12}"))).isEmpty();
    try (Screenroom app = Screenroom.open(TestServer.config(data, Map.of()), Clock.systemUTC())) {
      List<Film> films = app.films().list(new FilmQuery(Optional.empty(), false, Optional.empty(), 100));
      assertThat(films).noneMatch(f -> f.status() == FilmStatus.READY);
    }
  }

  @Test
  void help_explainsTheCommands() throws Exception {
    Cli.Result top = Cli.run(work, "--help");
    Cli.Result ingest = Cli.run(work, "ingest", "--help");

    assertThat(top.exitCode()).isZero();
    assertThat(top.stdout()).contains("serve", "ingest", "SCREENROOM_");
    assertThat(ingest.stdout()).contains("--title", "--data", "last line on stdout");
  }

  @Test
  void serve_invalidConfiguration_exits2WithHowToFix() throws Exception {
    Cli.Result r = Cli.run(work, "serve", "--port", "http", "--data", work.resolve("d").toString(),
        "--segment-seconds", "5");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("--port", "0..65535", "--segment-seconds", "even");
  }

  /** A .mov whose moov atom never arrived: the first 60% of a file that keeps its index last. */
  private static Path truncated(Path dir) throws Exception {
    Path whole = Media.clip(dir.resolve("whole.mov"), 3, 320, 180, true);
    Path cut = dir.resolve("cut.mov");
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 6 / 10));
    return cut;
  }

  private static Path audioOnly(Path out) throws Exception {
    var tools = Media.tools();
    new org.screenroom.transcode.process.ProcessRunner().run(
        org.screenroom.transcode.process.ProcessRequest.of(List.of(tools.ffmpeg().toString(),
            "-hide_banner", "-nostdin", "-y", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "2", "-c:a", "aac", out.toString()), tools.environment(), java.time.Duration.ofMinutes(1)));
    return out;
  }
}
