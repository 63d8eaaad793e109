package org.screenroom.transcode.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.screenroom.transcode.process.ProcessCancelledException;
import org.screenroom.transcode.process.ProcessFailedException;
import org.screenroom.transcode.process.ProcessRequest;
import org.screenroom.transcode.process.ProcessRunner;
import org.screenroom.transcode.toolchain.Toolchain;

/**
 * Runs ffprobe on a file. Usable on its own by the server to reject a bad upload before
 * queueing a transcode ({@link #inspect}). Blocking; run on a worker thread.
 *
 * <p>Remembers what it accepted: the server checks every upload before it queues the transcode,
 * and the master is the very file it checked, moved into place (same inode, size and modification
 * time), so the transcode takes the description from the check instead of running ffprobe again
 * (0.3 s of a 12 s job on the bench). A copied or rewritten file is probed afresh.
 */
public final class Prober {
    private static final int HEAD_BYTES = 4096;
    /** Films checked but not yet transcoded; a few hundred descriptions are a few hundred KB. */
    private static final int REMEMBERED = 256;
    private final Map<FileIdentity, MediaInfo> accepted = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<FileIdentity, MediaInfo> eldest) {
                    return size() > REMEMBERED;
                }
            });
    private final Toolchain toolchain;
    private final ProcessRunner runner;
    private final Duration timeout;

    public Prober(Toolchain toolchain, ProcessRunner runner, Duration timeout) {
        this.toolchain = toolchain;
        this.runner = runner;
        this.timeout = timeout;
    }

    /** The ffprobe command line for a file. Pure. */
    public static List<String> command(Path ffprobe, Path file) {
        return List.of(ffprobe.toString(), "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                file.toString());
    }

    /**
     * Probes without judging.
     *
     * @throws ProcessFailedException when ffprobe fails (its stderr says why) or cannot start
     */
    public MediaInfo probe(Path file) throws ProcessFailedException, InterruptedException {
        String json = runner.run(ProcessRequest.of(command(toolchain.ffprobe(), file), toolchain.environment(),
                timeout)).stdout();
        return ProbeParser.parse(json);
    }

    /**
     * Probes and judges: returns the description of a file that can be transcoded.
     *
     * @throws SourceRejectedException when the file is empty, unreadable, damaged, audio-only or has no duration
     * @throws ProcessFailedException  when ffprobe itself cannot start or was cancelled (not the file's fault)
     * @throws IOException             when the file cannot be read at all
     */
    public MediaInfo inspect(Path file)
            throws SourceRejectedException, ProcessFailedException, IOException, InterruptedException {
        String name = file.getFileName().toString();
        Optional<FileIdentity> identity = FileIdentity.of(file);
        MediaInfo known = identity.map(accepted::get).orElse(null);
        if (known != null) {
            return known;
        }
        if (Files.size(file) == 0) {
            throw new SourceRejectedException(SourceCheck.emptyFile(name));
        }
        // Regression: ffprobe reads a text file named .txt as "tty" ANSI art, with a picture size
        // and a duration, and it was transcoded. Text is never a film: refuse it before probing.
        byte[] head = head(file);
        if (SourceCheck.looksLikeText(head)) {
            throw new SourceRejectedException(SourceCheck.probeFailure(name, List.of(), head));
        }
        MediaInfo info;
        try {
            info = probe(file);
        } catch (ProcessCancelledException e) {
            throw e;
        } catch (ProcessFailedException e) {
            if (e.exitCode() == ProcessFailedException.NO_EXIT_CODE && e.getCause() != null) {
                throw e; // ffprobe did not start: a server problem, not the filmmaker's
            }
            throw new SourceRejectedException(SourceCheck.probeFailure(name, e.stderrTail(), head));
        }
        String rejection = SourceCheck.rejection(name, info).orElse(null);
        if (rejection != null) {
            throw new SourceRejectedException(rejection);
        }
        identity.ifPresent(id -> accepted.put(id, info));
        return info;
    }

    /**
     * A file as the file system knows it: a rename keeps all three, a copy changes the key, and a
     * rewrite the modification time (nanoseconds on ext4 and XFS).
     */
    private record FileIdentity(Object fileKey, long size, FileTime modified) {
        static Optional<FileIdentity> of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            // Without a file key (some file systems), a renamed-over file could pass for the old one.
            return Optional.ofNullable(attributes.fileKey()).map(key -> new FileIdentity(key, attributes.size(),
                    attributes.lastModifiedTime()));
        }
    }

    /** The first few KB of a file, to tell text from a damaged container. */
    private static byte[] head(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }
}
