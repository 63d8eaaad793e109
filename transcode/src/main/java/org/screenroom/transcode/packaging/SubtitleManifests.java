package org.screenroom.transcode.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a new set of subtitle tracks into a published package's master.m3u8 and manifest.mpd
 * without transcoding again: subtitles arrive after the picture (a filmmaker adds a language
 * later), and re-encoding a feature for a text file would cost hours. The output is exactly what
 * {@link HlsMasterWriter} and {@link DashManifestWriter} write for the same package with these
 * tracks. Pure.
 */
public final class SubtitleManifests {
    private static final String HLS_SUBTITLE_MEDIA = "#EXT-X-MEDIA:TYPE=SUBTITLES,";
    private static final String HLS_SUBTITLE_ATTRIBUTE = ",SUBTITLES=\"" + HlsMasterWriter.SUBTITLE_GROUP + "\"";
    private static final Pattern DASH_TEXT_SET = Pattern.compile(
            "    <AdaptationSet id=\"\\d+\" contentType=\"text\"[^\\n]*\\n(?:.*\\n)*?    </AdaptationSet>\\n");
    private static final Pattern DASH_SET = Pattern.compile("^    <AdaptationSet ", Pattern.MULTILINE);
    private static final Pattern DURATION = Pattern.compile("mediaPresentationDuration=\"PT([0-9.]+)S\"");
    private static final String PERIOD_END = "  </Period>\n";

    private SubtitleManifests() {
    }

    /**
     * @return {@code master} with exactly {@code tracks} as its subtitle group (none removes it)
     */
    public static String hls(String master, List<TextTrack> tracks) {
        List<String> lines = new ArrayList<>();
        int insertAt = -1;
        for (String line : master.split("\n", -1)) {
            if (line.startsWith(HLS_SUBTITLE_MEDIA)) {
                continue;
            }
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                if (insertAt < 0) {
                    insertAt = lines.size();
                }
                line = line.replace(HLS_SUBTITLE_ATTRIBUTE, "") + (tracks.isEmpty() ? "" : HLS_SUBTITLE_ATTRIBUTE);
            }
            lines.add(line);
        }
        if (insertAt < 0) {
            throw new IllegalArgumentException("master playlist has no variant streams");
        }
        List<String> media = tracks.stream().map(t -> HlsMasterWriter.subtitleMedia(t).stripTrailing()).toList();
        lines.addAll(insertAt, media);
        return String.join("\n", lines);
    }

    /**
     * @return {@code mpd} with exactly {@code tracks} as its text adaptation sets
     * @throws IllegalArgumentException when the manifest has no period end
     */
    public static String dash(String mpd, List<TextTrack> tracks) {
        String without = DASH_TEXT_SET.matcher(mpd).replaceAll("");
        int end = without.lastIndexOf(PERIOD_END);
        if (end < 0) {
            throw new IllegalArgumentException("manifest has no period end");
        }
        // Sets are numbered video 0, then audio, then text: the next id is the number of sets kept.
        int id = (int) DASH_SET.matcher(without).results().count();
        StringBuilder sets = new StringBuilder();
        for (TextTrack t : tracks) {
            sets.append(DashManifestWriter.textSet(id++, t));
        }
        return without.substring(0, end) + sets + without.substring(end);
    }

    /**
     * The presentation length the DASH manifest states, which the subtitle playlists need.
     *
     * @throws IllegalArgumentException when the manifest states none
     */
    public static double seconds(String mpd) {
        Matcher m = DURATION.matcher(mpd);
        if (!m.find()) {
            throw new IllegalArgumentException("manifest states no duration");
        }
        return Double.parseDouble(m.group(1));
    }

    /** The one-segment playlist of a track, for a package of {@code seconds}. */
    public static String playlist(TextTrack track, double seconds) {
        return MediaPlaylistWriter.subtitles(track, seconds);
    }

    /** A label for a language tag when the filmmaker gave none: {@code fr} becomes "French". */
    public static String defaultLabel(String language) {
        String name = Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() ? language : name;
    }
}
