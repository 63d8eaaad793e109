package org.screenroom.transcode.packaging;

import java.util.List;
import java.util.Locale;

/** Writes master.m3u8 for a package. Pure. */
public final class HlsMasterWriter {
    /** Group id tying the variants to the audio renditions. */
    public static final String AUDIO_GROUP = "aud";
    /** Group id tying the variants to the subtitle tracks. */
    public static final String SUBTITLE_GROUP = "subs";
    /** Each rendition's playlist name inside its directory. */
    public static final String MEDIA_PLAYLIST = "index.m3u8";

    private HlsMasterWriter() {
    }

    /**
     * Variant BANDWIDTH is the video's peak segment bitrate plus the most demanding audio
     * rendition's peak (RFC 8216 4.3.4.2: it must cover any rendition of the group);
     * AVERAGE-BANDWIDTH likewise with averages. FRAME-RATE is left out when unknown.
     */
    public static String write(PackageDescription pkg) {
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        List<Rendition> audios = pkg.audios();
        for (int i = 0; i < audios.size(); i++) {
            out.append(audioMedia(audios.get(i), i == 0));
        }
        pkg.subtitles().forEach(t -> out.append(subtitleMedia(t)));
        String audioCodecs = String.join(",", audios.stream().map(Rendition::codecs).distinct().toList());
        for (Rendition video : pkg.videos()) {
            long peak = video.peakBandwidth() + pkg.audioPeakBandwidth();
            long average = video.averageBandwidth() + pkg.audioAverageBandwidth();
            String codecs = video.codecs() + (audioCodecs.isEmpty() ? "" : "," + audioCodecs);
            out.append(String.format(Locale.ROOT,
                    "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,CODECS=\"%s\",RESOLUTION=%dx%d",
                    peak, average, codecs, video.width(), video.height()));
            if (video.frameRate() > 0) {
                out.append(String.format(Locale.ROOT, ",FRAME-RATE=%.3f", video.frameRate()));
            }
            if (!audios.isEmpty()) {
                out.append(",AUDIO=\"" + AUDIO_GROUP + "\"");
            }
            if (!pkg.subtitles().isEmpty()) {
                out.append(",SUBTITLES=\"" + SUBTITLE_GROUP + "\"");
            }
            out.append('\n').append(video.id()).append('/').append(MEDIA_PLAYLIST).append('\n');
        }
        for (Rendition video : pkg.videos()) {
            if (video.hasIFrames()) {
                out.append(String.format(Locale.ROOT,
                        "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,CODECS=\"%s\",RESOLUTION=%dx%d,"
                                + "URI=\"%s/%s\"\n",
                        video.iframePeakBandwidth(), video.iframeAverageBandwidth(), video.codecs(), video.width(),
                        video.height(), video.id(), MediaPlaylistWriter.IFRAME_PLAYLIST));
            }
        }
        return out.toString();
    }

    private static String audioMedia(Rendition audio, boolean first) {
        String language = audio.language().equals("und") ? "" : ",LANGUAGE=\"" + audio.language() + "\"";
        String name = audio.name().isBlank() ? audio.id() : audio.name();
        return String.format(Locale.ROOT,
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"%s\",NAME=\"%s\"%s,DEFAULT=%s,AUTOSELECT=YES,CHANNELS=\"%d\","
                        + "URI=\"%s/%s\"\n",
                AUDIO_GROUP, quoted(name), language, first ? "YES" : "NO", audio.channels(), audio.id(),
                MEDIA_PLAYLIST);
    }

    static String subtitleMedia(TextTrack track) {
        return String.format(Locale.ROOT,
                "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"%s\",NAME=\"%s\",LANGUAGE=\"%s\",DEFAULT=NO,AUTOSELECT=YES,"
                        + "URI=\"%s/%s\"\n",
                SUBTITLE_GROUP, quoted(track.name()), track.language(), TextTrack.DIR, track.playlistFile());
    }

    /** Quoted-strings may not contain double quotes or line breaks (RFC 8216 4.2). */
    static String quoted(String text) {
        return text.replaceAll("[\"\\r\\n]", "'");
    }
}
