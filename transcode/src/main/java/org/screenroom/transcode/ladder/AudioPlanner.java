package org.screenroom.transcode.ladder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
        String tag = TWO_LETTER.getOrDefault(language, language);
        String name = language.equals("und") ? "" : Locale.forLanguageTag(tag).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(tag) ? "Audio " + (index + 1) : name;
    }

    /** ISO 639-2 (terminology and the common bibliographic codes) to the two-letter code Java names. */
    private static final Map<String, String> TWO_LETTER = twoLetterCodes();

    private static Map<String, String> twoLetterCodes() {
        Map<String, String> codes = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                codes.put(Locale.forLanguageTag(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException e) {
                // No three-letter code for this language: it cannot appear in an MP4 language tag.
                continue;
            }
        }
        codes.putAll(Map.of("fre", "fr", "ger", "de", "chi", "zh", "dut", "nl", "gre", "el", "per", "fa",
                "cze", "cs", "rum", "ro", "slo", "sk", "wel", "cy"));
        return Map.copyOf(codes);
    }
}
