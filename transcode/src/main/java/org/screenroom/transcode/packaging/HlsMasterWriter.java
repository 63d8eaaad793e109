package org.screenroom.transcode.packaging;

import java.util.Locale;

/** Writes master.m3u8 for a package. Pure. */
public final class HlsMasterWriter {
    /** Group id tying the variants to the audio rendition. */
    public static final String AUDIO_GROUP = "aud";
    /** Each rendition's playlist name inside its directory. */
    public static final String MEDIA_PLAYLIST = "index.m3u8";

    private HlsMasterWriter() {
    }

    public static String write(PackageDescription pkg) {
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        pkg.audio().ifPresent(audio -> out.append(audioMedia(audio)));
        for (Rendition video : pkg.videos()) {
            long peak = video.peakBandwidth() + pkg.audio().map(Rendition::peakBandwidth).orElse(0L);
            long average = video.averageBandwidth() + pkg.audio().map(Rendition::averageBandwidth).orElse(0L);
            String codecs = video.codecs() + pkg.audio().map(a -> "," + a.codecs()).orElse("");
            out.append(String.format(Locale.ROOT,
                    "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,CODECS=\"%s\",RESOLUTION=%dx%d,FRAME-RATE=%.3f",
                    peak, average, codecs, video.width(), video.height(), video.frameRate()));
            pkg.audio().ifPresent(a -> out.append(",AUDIO=\"" + AUDIO_GROUP + "\""));
            out.append('\n').append(video.id()).append('/').append(MEDIA_PLAYLIST).append('\n');
        }
        return out.toString();
    }

    private static String audioMedia(Rendition audio) {
        String language = audio.language().equals("und") ? "" : ",LANGUAGE=\"" + audio.language() + "\"";
        return String.format(Locale.ROOT,
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"%s\",NAME=\"Audio\"%s,DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"%d\",URI=\"%s/%s\"\n",
                AUDIO_GROUP, language, audio.channels(), audio.id(), MEDIA_PLAYLIST);
    }
}
