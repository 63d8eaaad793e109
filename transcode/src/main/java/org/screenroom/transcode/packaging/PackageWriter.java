package org.screenroom.transcode.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.screenroom.transcode.stills.Stills;
import org.screenroom.transcode.stills.StoryboardVttWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every text file of a package into its (staging) directory, over what ffmpeg wrote. */
public final class PackageWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PackageWriter.class);

    private PackageWriter() {
    }

    /**
     * @param texts WebVTT text of each subtitle track of {@code pkg}
     * @throws IOException when a file cannot be written
     */
    public static void write(Path dir, PackageDescription pkg, Map<TextTrack, String> texts, Stills stills)
            throws IOException {
        for (Rendition r : pkg.videos()) {
            write(dir.resolve(r.id()).resolve(HlsMasterWriter.MEDIA_PLAYLIST), MediaPlaylistWriter.media(r));
            if (r.hasIFrames()) {
                write(dir.resolve(r.id()).resolve(MediaPlaylistWriter.IFRAME_PLAYLIST), MediaPlaylistWriter.iframes(r));
            } else {
                LOG.warn("no key frame ranges found in {}; its I-frame playlist is left out", r.id());
            }
        }
        for (Rendition r : pkg.audios()) {
            write(dir.resolve(r.id()).resolve(HlsMasterWriter.MEDIA_PLAYLIST), MediaPlaylistWriter.media(r));
        }
        if (!pkg.subtitles().isEmpty()) {
            Path subs = Files.createDirectories(dir.resolve(TextTrack.DIR));
            for (TextTrack t : pkg.subtitles()) {
                write(subs.resolve(t.vttFile()), texts.get(t));
                write(subs.resolve(t.playlistFile()), MediaPlaylistWriter.subtitles(t, pkg.seconds()));
            }
        }
        if (Files.isRegularFile(dir.resolve(Stills.STORYBOARD_DIR).resolve(Stills.SPRITE_FILE))) {
            write(dir.resolve(Stills.STORYBOARD_DIR).resolve(Stills.THUMBS_FILE), StoryboardVttWriter.write(stills));
        } else {
            // A missing preview must not cost the filmmaker the whole package.
            LOG.warn("ffmpeg wrote no storyboard sprite in {}; thumbnails are left out", dir);
        }
        // Replaces ffmpeg's master.m3u8: ours carries FRAME-RATE, measured peaks, I-frame and subtitle entries.
        write(dir.resolve("master.m3u8"), HlsMasterWriter.write(pkg));
        write(dir.resolve("manifest.mpd"), DashManifestWriter.write(pkg));
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
