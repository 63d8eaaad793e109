package org.screenroom.transcode.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A hidden sibling directory ({@code .<name>.tmp-<random>}) a package is written into and then
 * renamed to its final name in one atomic step, so a viewer never sees half a package.
 */
public final class StagingDirectory {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path staging;
    private final Path target;

    private StagingDirectory(Path staging, Path target) {
        this.staging = staging;
        this.target = target;
    }

    /** Creates the staging directory beside {@code target} (same file system, so rename is atomic). */
    public static StagingDirectory beside(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        Path staging = parent.resolve("." + target.getFileName() + ".tmp-" + HexFormat.of().formatHex(suffix));
        return new StagingDirectory(Files.createDirectory(staging), target.toAbsolutePath());
    }

    public Path path() {
        return staging;
    }

    /**
     * Renames the staging directory to the target. An existing package at the target is moved
     * aside first and deleted after, so the target always holds a complete package.
     */
    public void publish() throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = staging.resolveSibling(staging.getFileName() + "-old");
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    /**
     * Deletes every staging directory left beside {@code target} by a process that died mid-way
     * (including a moved-aside old package), so a restarted transcode starts clean.
     *
     * @return how many leftover directories were deleted
     * @throws IOException when one cannot be deleted
     */
    public static int discardLeftovers(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return 0;
        }
        String prefix = "." + target.getFileName() + ".tmp-";
        int deleted = 0;
        try (Stream<Path> siblings = Files.list(parent)) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                if (p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)) {
                    deleteTree(p);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Deletes the staging directory and everything in it, if still there. */
    public void discard() throws IOException {
        deleteTree(staging);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
