package org.screenroom.transcode.ladder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import org.screenroom.transcode.probe.AudioStream;
import org.screenroom.transcode.probe.MediaInfo;

/**
 * Decides the audio renditions. Pure.
 *
 * <p>Every source audio stream keeps its language and gets a stereo AAC rendition (a 5.1 or 7.1
 * source is downmixed with ffmpeg's default matrix: centre and surrounds at -3 dB), because
 * stereo AAC-LC plays everywhere. A source with 6 or more channels also keeps a 5.1 AAC
 * rendition, offered as a second choice in the same group.
 */
public final class AudioPlanner {
    /** Stereo AAC bitrate. */
    public static final long STEREO_BITRATE = 128_000;
    /** 5.1 AAC bitrate. */
    public static final long SURROUND_BITRATE = 384_000;
    private static final int SURROUND_CHANNELS = 6;

    private AudioPlanner() {
    }

    public static List<AudioTrack> plan(MediaInfo source) {
        List<AudioTrack> tracks = new ArrayList<>();
        List<AudioStream> streams = source.audioStreams();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < streams.size(); i++) {
            AudioStream s = streams.get(i);
            String language = s.language().isBlank() ? "und" : s.language().toLowerCase(Locale.ROOT);
            String label = label(language, i);
            // HLS requires distinct NAMEs in a group: a second English track becomes "English 2".
            if (!labels.add(label)) {
                label = label + " " + (i + 1);
                labels.add(label);
            }
            tracks.add(new AudioTrack("a" + i, i, 2, STEREO_BITRATE, language, label));
            if (s.channels() >= SURROUND_CHANNELS) {
                tracks.add(new AudioTrack("a" + i + "_51", i, SURROUND_CHANNELS, SURROUND_BITRATE, language,
                        label + " (5.1)"));
            }
        }
        return tracks;
    }

    /** The language's English name when Java knows it, else "Audio N". */
    static String label(String language, int index) {
        String name = language.equals("und") ? "" : Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(language) ? "Audio " + (index + 1) : name;
    }
}
