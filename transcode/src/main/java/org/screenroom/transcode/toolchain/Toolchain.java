package org.screenroom.transcode.toolchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.screenroom.transcode.process.ProcessFailedException;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;

/**
 * The ffmpeg and ffprobe executables to run, with the environment they need.
 *
 * @param ffmpeg      path of the ffmpeg executable
 * @param ffprobe     path of the ffprobe executable
 * @param environment variables to add when running either (LD_LIBRARY_PATH for the bundled build)
 * @param origin      whether the binaries are the bundled build or a configured system install
 * @param version     as reported by {@code ffmpeg -version}, e.g. "8.1.2"
 */
public record Toolchain(Path ffmpeg, Path ffprobe, Map<String, String> environment, Origin origin,
                        String version) {

    /** Where the binaries come from. */
    public enum Origin { BUNDLED, SYSTEM }

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);

    public Toolchain {
        Objects.requireNonNull(ffmpeg, "ffmpeg");
        Objects.requireNonNull(ffprobe, "ffprobe");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(version, "version");
    }

    /** A one-line description for the start-up log, e.g. "bundled ffmpeg 8.1.2 at /x/ffmpeg". */
    public String describe() {
        return origin.name().toLowerCase(java.util.Locale.ROOT) + " ffmpeg " + version + " at " + ffmpeg;
    }

    /**
     * Picks the tools: a configured system ffmpeg wins (ffprobe defaults to the one beside it);
     * otherwise the bundled build is extracted once into {@code cacheDir} and reused.
     *
     * @throws ToolchainException when the tools are missing or cannot start; the message says how to fix it
     */
    public static Toolchain resolve(Optional<Path> ffmpeg, Optional<Path> ffprobe, Path cacheDir)
            throws ToolchainException {
        return resolve(ffmpeg, ffprobe, cacheDir, new ProcessRunner());
    }

    /** As {@link #resolve(Optional, Optional, Path)}, with the runner used to read the version. */
    public static Toolchain resolve(Optional<Path> ffmpeg, Optional<Path> ffprobe, Path cacheDir,
                                    ProcessRunner runner) throws ToolchainException {
        if (ffmpeg.isPresent()) {
            Path probe = ffprobe.orElseGet(() -> ffmpeg.get().resolveSibling("ffprobe"));
            requireExecutable(ffmpeg.get(), "--ffmpeg");
            requireExecutable(probe, "--ffprobe");
            String version = readVersion(runner, ffmpeg.get(), Map.of(), Origin.SYSTEM);
            return new Toolchain(ffmpeg.get(), probe, Map.of(), Origin.SYSTEM, version);
        }
        Path dir = BundledFfmpeg.extract(cacheDir);
        Map<String, String> env = Map.of("LD_LIBRARY_PATH", dir.toString());
        Path bundledFfmpeg = dir.resolve("ffmpeg");
        String version = readVersion(runner, bundledFfmpeg, env, Origin.BUNDLED);
        return new Toolchain(bundledFfmpeg, dir.resolve("ffprobe"), env, Origin.BUNDLED, version);
    }

    /** A bare name ("ffmpeg") is looked up on PATH by the OS, so only real paths are checked. */
    private static void requireExecutable(Path tool, String option) throws ToolchainException {
        if (tool.getParent() != null && !Files.isExecutable(tool)) {
            throw new ToolchainException(tool + " is not an executable file. Fix " + option
                    + " or leave it unset to use the bundled ffmpeg.");
        }
    }

    private static String readVersion(ProcessRunner runner, Path ffmpeg, Map<String, String> env, Origin origin)
            throws ToolchainException {
        try {
            String out = runner.run(ProcessRequest.of(List.of(ffmpeg.toString(), "-version"), env, VERSION_TIMEOUT))
                    .stdout();
            return parseVersion(out);
        } catch (ProcessFailedException e) {
            throw new ToolchainException(startFailureMessage(origin, e.stderrTail()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolchainException("Interrupted while checking ffmpeg at " + ffmpeg, e);
        }
    }

    /** Extracts "8.1.2" from the first line "ffmpeg version 8.1.2 Copyright ...". */
    static String parseVersion(String versionOutput) {
        String[] words = versionOutput.strip().split("\\s+", 4);
        if (words.length >= 3 && words[0].equals("ffmpeg") && words[1].equals("version")) {
            return words[2];
        }
        return "unknown";
    }

    /** Turns the dynamic loader's complaint into a sentence that says what to install. */
    static String startFailureMessage(Origin origin, List<String> stderrTail) {
        String detail = String.join(" ", stderrTail).strip();
        if (origin == Origin.SYSTEM) {
            return "The configured ffmpeg cannot start: " + (detail.isEmpty() ? "no output" : detail)
                    + ". Fix --ffmpeg or leave it unset to use the bundled ffmpeg.";
        }
        if (detail.contains("libpulse.so.0")) {
            return "The bundled ffmpeg cannot start: libpulse.so.0 is missing. Install it "
                    + "(apt-get install libpulse0) or set --ffmpeg to a system ffmpeg.";
        }
        return "The bundled ffmpeg cannot start: " + (detail.isEmpty() ? "no output" : detail)
                + ". Install the missing library or set --ffmpeg to a system ffmpeg.";
    }
}
