package org.screenroom.transcode.toolchain;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the ffmpeg build shipped in the {@code org.bytedeco:ffmpeg} jar into a cache dir,
 * once: files go to a temp dir beside the target which is then renamed atomically, so a
 * concurrent or crashed extraction never leaves a half-filled target.
 */
final class BundledFfmpeg {
    static final String BUILD = "8.1.2-1.5.14";
    static final String PLATFORM = "linux-x86_64-gpl";
    static final String PREFIX = "org/bytedeco/ffmpeg/" + PLATFORM + "/";
    private static final Logger LOG = LoggerFactory.getLogger(BundledFfmpeg.class);

    private BundledFfmpeg() {
    }

    /** @return the directory holding ffmpeg, ffprobe and their shared libraries */
    static Path extract(Path cacheDir) throws ToolchainException {
        requireSupportedPlatform(System.getProperty("os.name"), System.getProperty("os.arch"));
        Path target = cacheDir.resolve("ffmpeg-" + BUILD + "-" + PLATFORM);
        if (Files.isExecutable(target.resolve("ffmpeg"))) {
            return target;
        }
        try {
            Files.createDirectories(cacheDir);
            Path temp = Files.createTempDirectory(cacheDir, ".ffmpeg-extract-");
            try {
                copyResources(temp);
                markExecutable(temp.resolve("ffmpeg"));
                markExecutable(temp.resolve("ffprobe"));
                publish(temp, target);
            } finally {
                deleteTree(temp);
            }
        } catch (IOException e) {
            throw new ToolchainException("Could not extract the bundled ffmpeg into " + cacheDir + ": " + e
                    + ". Make the directory writable or set --ffmpeg to a system ffmpeg.", e);
        }
        return target;
    }

    static void requireSupportedPlatform(String osName, String arch) throws ToolchainException {
        boolean linux = osName.toLowerCase(Locale.ROOT).startsWith("linux");
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        if (!linux || !x64) {
            throw new ToolchainException("The bundled ffmpeg only runs on Linux x86-64, not " + osName + " "
                    + arch + ". Install ffmpeg and set --ffmpeg (and --ffprobe) to it.");
        }
    }

    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another process or thread won the race (the JDK reports it as DirectoryNotEmpty or a
            // bare FileSystemException); its copy is complete because it was renamed into place.
            if (!Files.isExecutable(target.resolve("ffmpeg"))) {
                throw e;
            }
            LOG.debug("bundled ffmpeg already extracted by a concurrent caller at {}", target);
        }
    }

    private static void copyResources(Path dir) throws IOException, ToolchainException {
        URL marker = BundledFfmpeg.class.getClassLoader().getResource(PREFIX + "ffmpeg");
        if (marker == null) {
            throw new ToolchainException("The bundled ffmpeg (org.bytedeco:ffmpeg:" + BUILD + ":" + PLATFORM
                    + ") is not on the classpath. Add it or set --ffmpeg to a system ffmpeg.");
        }
        if (marker.getProtocol().equals("jar")) {
            copyFromJar(marker, dir);
        } else {
            copyFromDirectory(toPath(marker).getParent(), dir);
        }
    }

    /** Works for the plain dependency jar and for a shaded fat jar alike. */
    private static void copyFromJar(URL marker, Path dir) throws IOException {
        JarURLConnection connection = (JarURLConnection) marker.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = new JarFile(toPath(connection.getJarFileURL()).toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = fileName(entry.getName());
                if (!entry.isDirectory() && name != null && wanted(name)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, dir.resolve(name));
                    }
                }
            }
        }
    }

    /** Exploded classpath, e.g. target/classes or an IDE run. */
    private static void copyFromDirectory(Path source, Path dir) throws IOException {
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && wanted(name)) {
                    Files.copy(file, dir.resolve(name));
                }
            }
        }
    }

    /** @return the file name when the entry sits directly under the prefix, else null */
    private static String fileName(String entryName) {
        if (!entryName.startsWith(PREFIX)) {
            return null;
        }
        String rest = entryName.substring(PREFIX.length());
        return rest.isEmpty() || rest.contains("/") ? null : rest;
    }

    /** The JNI glue libraries are only for JavaCPP, which is not used. */
    static boolean wanted(String name) {
        return !(name.startsWith("libjni") && name.endsWith(".so"));
    }

    private static Path toPath(URL url) throws IOException {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("unreadable resource location " + url, e);
        }
    }

    private static void markExecutable(Path file) throws IOException {
        if (!file.toFile().setExecutable(true, /* ownerOnly= */ false)) {
            throw new IOException("cannot make " + file + " executable");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
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
