package org.screenroom.transcode.ffmpeg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.screenroom.transcode.ladder.Ladder;
import org.screenroom.transcode.ladder.Rung;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.probe.VideoStream;

/**
 * Builds the single ffmpeg command that decodes the source once and encodes every rung plus
 * one stereo AAC rendition, packaged by the hls muxer as CMAF (fMP4) segments in one directory
 * per rendition. Pure.
 */
public final class EncodeCommandBuilder {
    /** Directory (and HLS name) of the audio rendition. */
    public static final String AUDIO_ID = "a0";
    /** Media playlist name inside each rendition directory. */
    public static final String MEDIA_PLAYLIST = "index.m3u8";
    /** Audio group name tying variants to the audio rendition. */
    public static final String AUDIO_GROUP = "aud";
    private static final String AUDIO_BITRATE = "128k";
    private static final double ASSUMED_FPS = 30.0;

    private EncodeCommandBuilder() {
    }

    /**
     * @param ffmpeg    the executable
     * @param source    the input file
     * @param info      the probe of the input (frame rate, audio presence, interlacing)
     * @param outputDir where master.m3u8 and the rendition directories are written
     */
    public static List<String> build(Path ffmpeg, Path source, MediaInfo info, Ladder ladder, EncodeOptions options,
                                     Path outputDir) {
        VideoStream video = info.primaryVideo().orElseThrow(() -> new IllegalArgumentException("no video"));
        List<String> args = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y",
                "-v", "error", "-nostats", "-progress", "pipe:1", "-i", source.toString(),
                "-filter_complex", filterGraph(video, ladder)));
        List<Rung> rungs = ladder.rungs();
        for (int i = 0; i < rungs.size(); i++) {
            args.addAll(List.of("-map", "[v" + i + "]"));
        }
        if (info.hasAudio()) {
            args.addAll(List.of("-map", "0:a:0"));
        }
        args.addAll(videoCodec(video, rungs, options));
        if (info.hasAudio()) {
            // Stereo AAC-LC plays everywhere; multichannel AAC in HLS trips up some browsers.
            args.addAll(List.of("-c:a", "aac", "-ac", "2", "-ar", "48000", "-b:a", AUDIO_BITRATE));
        }
        args.addAll(muxer(rungs, info.hasAudio(), options, outputDir));
        return List.copyOf(args);
    }

    /** Decode once, deinterlace if needed, split, then scale each branch to its rung. */
    static String filterGraph(VideoStream video, Ladder ladder) {
        int n = ladder.rungs().size();
        StringBuilder graph = new StringBuilder("[0:v:0]");
        if (video.interlaced()) {
            // Field-rate output would double the bitrate need; one frame per frame keeps the rate.
            graph.append("bwdif=mode=send_frame,");
        }
        graph.append("split=").append(n);
        for (int i = 0; i < n; i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < n; i++) {
            Rung rung = ladder.rungs().get(i);
            graph.append(";[s").append(i).append("]scale=").append(rung.width()).append(':').append(rung.height())
                    .append(",setsar=1,format=yuv420p[v").append(i).append(']');
        }
        return graph.toString();
    }

    private static List<String> videoCodec(VideoStream video, List<Rung> rungs, EncodeOptions options) {
        double fps = video.frameRate().isKnown() ? video.frameRate().toDouble() : ASSUMED_FPS;
        String gop = Long.toString(Math.round(fps * options.keyframeSeconds()));
        List<String> args = new ArrayList<>(List.of("-c:v", "libx264", "-preset", options.preset()));
        for (int i = 0; i < rungs.size(); i++) {
            Rung r = rungs.get(i);
            args.addAll(List.of("-profile:v:" + i, r.profile(), "-level:v:" + i, r.level(),
                    "-b:v:" + i, Long.toString(r.videoBitrate()), "-maxrate:v:" + i, Long.toString(r.maxrate()),
                    "-bufsize:v:" + i, Long.toString(r.bufsize())));
        }
        // Keyframes at the same instants in every rung, and no extra ones at scene cuts, so
        // segments line up across rungs and a player can switch at any segment boundary.
        args.addAll(List.of("-force_key_frames", "expr:gte(t,n_forced*" + options.keyframeSeconds() + ")",
                "-sc_threshold", "0", "-g", gop, "-keyint_min", gop));
        return args;
    }

    private static List<String> muxer(List<Rung> rungs, boolean audio, EncodeOptions options, Path outputDir) {
        return List.of("-f", "hls", "-hls_segment_type", "fmp4", "-hls_time", Integer.toString(options.segmentSeconds()),
                "-hls_playlist_type", "vod", "-hls_flags", "independent_segments",
                "-var_stream_map", varStreamMap(rungs, audio), "-master_pl_name", "master.m3u8",
                "-hls_fmp4_init_filename", "init.mp4",
                "-hls_segment_filename", outputDir.resolve("%v").resolve("seg_%05d.m4s").toString(),
                outputDir.resolve("%v").resolve(MEDIA_PLAYLIST).toString());
    }

    static String varStreamMap(List<Rung> rungs, boolean audio) {
        List<String> entries = new ArrayList<>();
        String group = audio ? ",agroup:" + AUDIO_GROUP : "";
        for (int i = 0; i < rungs.size(); i++) {
            entries.add(String.format(Locale.ROOT, "v:%d%s,name:%s", i, group, rungs.get(i).id()));
        }
        if (audio) {
            entries.add("a:0" + group + ",name:" + AUDIO_ID);
        }
        return String.join(" ", entries);
    }
}
