package org.screenroom.transcode.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a static DASH manifest (manifest.mpd, CMAF profile) over the very segments and init
 * files the HLS playlists use, so both protocols share one copy of the media. Pure.
 * Segments are addressed with a SegmentList and timed by a SegmentTimeline in milliseconds.
 */
public final class DashManifestWriter {
    static final int TIMESCALE = 1000;
    /** Nominal bits per second of a subtitle file; DASH requires a bandwidth. */
    private static final int TEXT_BANDWIDTH = 256;

    private DashManifestWriter() {
    }

    public static String write(PackageDescription pkg) {
        String duration = isoSeconds(pkg.seconds());
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\"")
                .append(" profiles=\"urn:mpeg:dash:profile:cmaf:2019,urn:mpeg:dash:profile:isoff-live:2011\"")
                .append(" minBufferTime=\"PT2S\" mediaPresentationDuration=\"").append(duration).append("\">\n")
                .append("  <Period id=\"0\" start=\"PT0S\">\n");
        out.append("    <AdaptationSet id=\"0\" contentType=\"video\" mimeType=\"video/mp4\"")
                .append(" segmentAlignment=\"true\" startWithSAP=\"1\">\n");
        for (Rendition video : pkg.videos()) {
            out.append(String.format(Locale.ROOT,
                    "      <Representation id=\"%s\" bandwidth=\"%d\" codecs=\"%s\" width=\"%d\" height=\"%d\""
                            + "%s sar=\"1:1\">\n",
                    video.id(), video.peakBandwidth(), video.codecs(), video.width(), video.height(),
                    video.frameRate() > 0 ? " frameRate=\"" + frameRate(video.frameRate()) + "\"" : ""));
            out.append(segmentList(video)).append("      </Representation>\n");
        }
        out.append("    </AdaptationSet>\n");
        int id = 1;
        for (Rendition audio : pkg.audios()) {
            out.append(audioSet(id++, audio));
        }
        for (TextTrack text : pkg.subtitles()) {
            out.append(textSet(id++, text));
        }
        return out.append("  </Period>\n</MPD>\n").toString();
    }

    /** One adaptation set per audio rendition: languages and channel layouts are not switchable. */
    private static String audioSet(int id, Rendition audio) {
        return String.format(Locale.ROOT,
                "    <AdaptationSet id=\"%d\" contentType=\"audio\" mimeType=\"audio/mp4\" lang=\"%s\""
                        + " segmentAlignment=\"true\" startWithSAP=\"1\">\n"
                        + "      <Label>%s</Label>\n"
                        + "      <Representation id=\"%s\" bandwidth=\"%d\" codecs=\"%s\" audioSamplingRate=\"%d\">\n"
                        + "        <AudioChannelConfiguration"
                        + " schemeIdUri=\"urn:mpeg:dash:23003:3:audio_channel_configuration:2011\" value=\"%d\"/>\n"
                        + "%s      </Representation>\n    </AdaptationSet>\n",
                id, audio.language(), xml(audio.name()), audio.id(), audio.peakBandwidth(), audio.codecs(), audio.sampleRate(),
                audio.channels(), segmentList(audio));
    }

    /** A whole-film WebVTT file as a single-segment text representation. */
    static String textSet(int id, TextTrack text) {
        return String.format(Locale.ROOT,
                "    <AdaptationSet id=\"%d\" contentType=\"text\" mimeType=\"text/vtt\" lang=\"%s\">\n"
                        + "      <Label>%s</Label>\n"
                        + "      <Role schemeIdUri=\"urn:mpeg:dash:role:2011\" value=\"subtitle\"/>\n"
                        + "      <Representation id=\"sub_%s\" bandwidth=\"%d\">\n"
                        + "        <BaseURL>%s/%s</BaseURL>\n"
                        + "      </Representation>\n    </AdaptationSet>\n",
                id, text.language(), xml(text.name()), text.language().replace('-', '_'), TEXT_BANDWIDTH,
                TextTrack.DIR, text.vttFile());
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String segmentList(Rendition r) {
        StringBuilder out = new StringBuilder("        <SegmentList timescale=\"" + TIMESCALE + "\">\n");
        out.append("          <Initialization sourceURL=\"").append(r.id()).append('/').append(r.initFile())
                .append("\"/>\n          <SegmentTimeline>\n");
        for (long[] run : timeline(r.segments())) {
            out.append("            <S ");
            if (run[0] == 0) {
                out.append("t=\"0\" ");
            }
            out.append("d=\"").append(run[1]).append('"');
            if (run[2] > 0) {
                out.append(" r=\"").append(run[2]).append('"');
            }
            out.append("/>\n");
        }
        out.append("          </SegmentTimeline>\n");
        for (Segment s : r.segments()) {
            out.append("          <SegmentURL media=\"").append(r.id()).append('/').append(s.file()).append("\"/>\n");
        }
        return out.append("        </SegmentList>\n").toString();
    }

    /**
     * Durations in timescale units as runs of {start, duration, repeat}. Each duration is the
     * difference of rounded cumulative times, so rounding never drifts over a long film.
     */
    static List<long[]> timeline(List<Segment> segments) {
        List<long[]> runs = new ArrayList<>();
        double cumulative = 0;
        long start = 0;
        for (Segment s : segments) {
            cumulative += s.seconds();
            long end = Math.round(cumulative * TIMESCALE);
            long d = end - start;
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] == d) {
                last[2]++;
            } else {
                runs.add(new long[] {start, d, 0});
            }
            start = end;
        }
        return runs;
    }

    static String isoSeconds(double seconds) {
        return String.format(Locale.ROOT, "PT%.3fS", seconds);
    }

    private static String frameRate(double fps) {
        long rounded = Math.round(fps);
        if (Math.abs(fps - rounded) < 1e-6) {
            return Long.toString(rounded);
        }
        double ntsc = fps * 1001 / 1000;
        if (Math.abs(ntsc - Math.round(ntsc)) < 0.01) {
            return Math.round(ntsc) * 1000 + "/1001";
        }
        return Math.round(fps * 1000) + "/1000";
    }
}
