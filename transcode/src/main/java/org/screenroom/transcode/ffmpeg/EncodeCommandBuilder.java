package org.screenroom.transcode.ffmpeg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.screenroom.transcode.ladder.AudioPlanner;
import org.screenroom.transcode.ladder.AudioTrack;
import org.screenroom.transcode.ladder.Ladder;
import org.screenroom.transcode.ladder.Rung;
import org.screenroom.transcode.probe.MediaInfo;
import org.screenroom.transcode.probe.VideoStream;
import org.screenroom.transcode.stills.Stills;

/**
 * Builds the single ffmpeg command that decodes the source once and encodes every rung and
 * every audio rendition, packaged by the hls muxer as CMAF (fMP4) parts of one key frame
 * interval each, in one directory per rendition (joined into segments afterwards); optionally the poster and storyboard sprite come out of the same decode. Pure.
 */
public final class EncodeCommandBuilder {
    /** Directory (and HLS name) of the first audio rendition. */
    public static final String AUDIO_ID = "a0";
    /** Media playlist name inside each rendition directory. */
    public static final String MEDIA_PLAYLIST = "index.m3u8";
    /** Audio group name tying variants to the audio renditions. */
    public static final String AUDIO_GROUP = "aud";
    /**
     * ffmpeg writes one part per key frame interval (its hls muxer makes one fragment per file);
     * packaging joins them into segments, so that every key frame starts a fragment of its own
     * and the I-frame playlists can address each one.
     */
    public static final String PART_PATTERN = "part_%05d.m4s";
    /** zscale names of the HDR transfers that are tone-mapped to SDR. */
    private static final List<String> HDR_TRANSFERS = List.of("smpte2084", "arib-std-b67");

    private EncodeCommandBuilder() {
    }

    /** As {@link #build(Path, Path, MediaInfo, Ladder, List, Optional, EncodeOptions, Path)}, audio planned, no stills. */
    public static List<String> build(Path ffmpeg, Path source, MediaInfo info, Ladder ladder, EncodeOptions options,
                                     Path outputDir) {
        return build(ffmpeg, source, info, ladder, AudioPlanner.plan(info), Optional.empty(), options, outputDir);
    }

    /**
     * @param ffmpeg    the executable
     * @param source    the input file
     * @param info      the probe of the input (interlacing, HDR transfer)
     * @param audio     the audio renditions (see {@link AudioPlanner})
     * @param stills    when present, poster/poster.jpg and storyboard/sprite.jpg are written too
     *                  (their directories must exist)
     * @param outputDir where the rendition directories are written
     */
    public static List<String> build(Path ffmpeg, Path source, MediaInfo info, Ladder ladder, List<AudioTrack> audio,
                                     Optional<Stills> stills, EncodeOptions options, Path outputDir) {
        VideoStream video = info.primaryVideo().orElseThrow(() -> new IllegalArgumentException("no video"));
        List<String> args = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y",
                "-v", "error", "-nostats", "-progress", "pipe:1", "-i", source.toString(),
                "-filter_complex", filterGraph(video, ladder, stills)));
        List<Rung> rungs = ladder.rungs();
        for (int i = 0; i < rungs.size(); i++) {
            args.addAll(List.of("-map", "[v" + i + "]"));
        }
        for (AudioTrack track : audio) {
            args.addAll(List.of("-map", "0:a:" + track.sourceIndex()));
        }
        args.addAll(videoCodec(video, rungs, options));
        args.addAll(audioCodec(audio));
        args.addAll(muxer(rungs, audio, options, outputDir));
        stills.ifPresent(s -> args.addAll(stillOutputs(outputDir)));
        return List.copyOf(args);
    }

    /** @return true when the stream is PQ or HLG and gets tone-mapped */
    public static boolean isHdr(VideoStream video) {
        return HDR_TRANSFERS.contains(video.colorTransfer());
    }

    /**
     * Decode once; deinterlace only when the stream says it is interlaced; tone-map HDR once at
     * source size; then a cascade: the top rung gets constant frame rate, its size, square pixels
     * and 8-bit 4:2:0 in one scaler pass, and every lower rung is scaled from the rung above it
     * (lower rungs halve high rates there too), by zimg rather than swscale (see {@link #downscale}). Each downscale thus reads a frame of the rung above
     * rather than the full source, and the pixel format is converted once, not once per rung: on a
     * 1080p ladder that is less than half the scaler work, at an SSIM cost under 0.002 (see
     * bench/transcode.sh). The poster is cut from the top rung (one frame selected, so one scale)
     * and the storyboard from the bottom one.
     */
    static String filterGraph(VideoStream video, Ladder ladder, Optional<Stills> stills) {
        List<Rung> rungs = ladder.rungs();
        int n = rungs.size();
        StringBuilder graph = new StringBuilder("[0:v:0]");
        if (video.interlaced()) {
            // Field-rate output would double the bitrate need; one frame per frame keeps the rate.
            graph.append("bwdif=mode=send_frame,");
        }
        if (isHdr(video)) {
            graph.append(toneMap(video)).append(',');
        }
        for (int i = 0; i < n; i++) {
            Rung rung = rungs.get(i);
            if (i > 0) {
                graph.append(";[c").append(i - 1).append(']');
            }
            if (i == 0 || !rung.frameRate().equals(rungs.get(i - 1).frameRate())) {
                graph.append("fps=").append(rung.frameRate()).append(',');
            }
            // format on every rung: left to negotiation, the scaler would hand x264 full-range yuvj420p.
            graph.append(i == 0 ? "scale=" + rung.width() + ':' + rung.height()
                            + ChromaSiting.scaleOptions(video, !isHdr(video)) : downscale(rung))
                    .append(",setsar=1,format=yuv420p");
            List<String> outputs = new ArrayList<>(List.of("v" + i));
            if (i < n - 1) {
                outputs.add("c" + i);
            }
            if (i == 0 && stills.isPresent()) {
                outputs.add("p");
            }
            if (i == n - 1 && stills.isPresent()) {
                outputs.add("t");
            }
            if (outputs.size() == 1) {
                graph.append("[v").append(i).append(']');
            } else {
                graph.append(",split=").append(outputs.size());
                outputs.forEach(o -> graph.append('[').append(o).append(']'));
            }
        }
        // select passes one frame only (prev_selected_t is NaN until the first pick), so the
        // poster scaler runs once instead of on every frame after the pick.
        stills.ifPresent(s -> graph.append(String.format(Locale.ROOT,
                ";[p]select='isnan(prev_selected_t)*gte(t,%.3f)',scale=%d:%d,setsar=1[poster]"
                        + ";[t]fps=1/%d,scale=%d:%d,setsar=1,tile=%dx%d[sprite]",
                s.posterSeconds(), s.posterWidth(), s.posterHeight(),
                s.intervalSeconds(), s.thumbWidth(), s.thumbHeight(), s.columns(), s.rows())));
        return graph.toString();
    }

    /**
     * The scaler from one 8-bit 4:2:0 rung to the next, smaller one: zimg (zscale) with swscale's
     * default bicubic kernel (B = 0, C = 0.6), so the pictures match what {@code scale} made.
     * zimg resizes with AVX2/AVX-512 kernels and took about half of swscale's CPU time for
     * 1080p to 720p on the bench machine; the rung above is already 8-bit 4:2:0, so no dithering
     * or colour conversion is involved (the top rung keeps swscale, which dithers 10-bit sources).
     * Chroma is read and written left-sited, as the rung above was written and as H.264 players
     * assume (see {@link ChromaSiting}); with the same siting zimg and swscale agree to 0.99995 SSIM.
     */
    static String downscale(Rung rung) {
        return "zscale=w=" + rung.width() + ":h=" + rung.height()
                + ":filter=bicubic:param_a=0:param_b=0.6:cin=" + ChromaSiting.OUTPUT + ":c=" + ChromaSiting.OUTPUT;
    }

    /**
     * x264 threads per rung when the encoders share {@code cpus} processors: the rung's share of
     * the processors by pixel rate, rounded up. All encoders run at once in
     * one process, so x264's default (1.5 threads per processor, each) would start about six
     * threads per processor on a four-rung ladder; the frame threads then mostly wait on each
     * other and cost CPU time for no speed. {@code cpus == 0} leaves x264's default.
     *
     * @return one count per rung, or an empty list for x264's default
     */
    static List<Integer> encoderThreads(List<Rung> rungs, int cpus) {
        if (cpus == 0) {
            return List.of();
        }
        double total = rungs.stream().mapToDouble(EncodeCommandBuilder::pixelRate).sum();
        // Rounded up: an encoder with fewer threads than its share of the work would be the slowest
        // stage (on two processors the 1080p rung carries more than half the pixels).
        return rungs.stream().map(r -> (int) Math.max(1, Math.ceil(cpus * pixelRate(r) / total - 1e-9))).toList();
    }

    private static double pixelRate(Rung r) {
        return (double) r.width() * r.height() * r.frameRate().toDouble();
    }

    /**
     * PQ/HLG to SDR BT.709: linearise (100 nits reference white) and convert primaries in float,
     * Hable curve, then BT.709 transfer and matrix in limited range. Untagged primaries and
     * matrix are assumed BT.2020, as HDR10 requires.
     *
     * <p>One zscale both linearises and converts the primaries: the usual recipe's second zscale
     * ({@code zscale=p=bt709} after {@code format=gbrpf32le}) is one more pass over float frames
     * at source size, and zimg gives bit-identical frames either way (framemd5 checked on PQ and
     * HLG clips). libplacebo and tonemapx are not in the bundled ffmpeg; zimg's own YUV output
     * is left out too, as it read the float RGB as limited range (red came out at V 253).
     */
    public static String toneMap(VideoStream video) {
        String primaries = video.colorPrimaries().isBlank() || video.colorPrimaries().equals("unknown")
                ? "bt2020" : video.colorPrimaries();
        String matrix = video.colorSpace().isBlank() || video.colorSpace().equals("unknown")
                ? "bt2020nc" : video.colorSpace();
        return "zscale=tin=" + video.colorTransfer() + ":pin=" + primaries + ":min=" + matrix
                + ":t=linear:npl=100:p=bt709,format=gbrpf32le,tonemap=tonemap=hable:desat=0,"
                + "zscale=t=bt709:m=bt709:r=tv";
    }

    private static List<String> videoCodec(VideoStream video, List<Rung> rungs, EncodeOptions options) {
        List<String> args = new ArrayList<>(List.of("-c:v", "libx264", "-preset", options.preset(),
                "-fps_mode:v", "cfr"));
        for (int i = 0; i < rungs.size(); i++) {
            Rung r = rungs.get(i);
            String gop = Long.toString(Math.round(r.frameRate().toDouble() * options.keyframeSeconds()));
            args.addAll(List.of("-profile:v:" + i, r.profile(), "-level:v:" + i, r.level(),
                    "-b:v:" + i, Long.toString(r.videoBitrate()), "-maxrate:v:" + i, Long.toString(r.maxrate()),
                    "-bufsize:v:" + i, Long.toString(r.bufsize()), "-g:v:" + i, gop, "-keyint_min:v:" + i, gop));
        }
        List<Integer> threads = encoderThreads(rungs, options.cpus());
        for (int i = 0; i < threads.size(); i++) {
            args.addAll(List.of("-threads:v:" + i, Integer.toString(threads.get(i))));
        }
        // Keyframes at the same instants in every rung, and no extra ones at scene cuts, so
        // segments line up across rungs and a player can switch at any segment boundary.
        args.addAll(List.of("-force_key_frames", "expr:gte(t,n_forced*" + options.keyframeSeconds() + ")",
                "-sc_threshold", "0"));
        if (isHdr(video) || video.colorSpace().equals("bt709")) {
            args.addAll(List.of("-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709"));
        }
        return args;
    }

    private static List<String> audioCodec(List<AudioTrack> audio) {
        if (audio.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("-c:a", "aac", "-ar", "48000"));
        for (int k = 0; k < audio.size(); k++) {
            AudioTrack t = audio.get(k);
            // -ac 2 on a 5.1 source uses ffmpeg's default downmix matrix (centre and surrounds at -3 dB).
            args.addAll(List.of("-ac:a:" + k, Integer.toString(t.channels()), "-b:a:" + k, Long.toString(t.bitrate()),
                    "-metadata:s:a:" + k, "language=" + t.language()));
        }
        return args;
    }

    private static List<String> muxer(List<Rung> rungs, List<AudioTrack> audio, EncodeOptions options,
                                      Path outputDir) {
        return List.of("-f", "hls", "-hls_segment_type", "fmp4", "-hls_time", Integer.toString(options.keyframeSeconds()),
                "-hls_playlist_type", "vod", "-hls_flags", "independent_segments",
                "-var_stream_map", varStreamMap(rungs, audio), "-master_pl_name", "master.m3u8",
                "-hls_fmp4_init_filename", "init.mp4",
                "-hls_segment_filename", outputDir.resolve("%v").resolve(PART_PATTERN).toString(),
                outputDir.resolve("%v").resolve(MEDIA_PLAYLIST).toString());
    }

    private static List<String> stillOutputs(Path outputDir) {
        return List.of("-map", "[poster]", "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "3", "-update", "1",
                outputDir.resolve(Stills.POSTER_DIR).resolve(Stills.POSTER_FILE).toString(),
                "-map", "[sprite]", "-frames:v", "1", "-c:v", "mjpeg", "-q:v", "5", "-update", "1",
                outputDir.resolve(Stills.STORYBOARD_DIR).resolve(Stills.SPRITE_FILE).toString());
    }

    static String varStreamMap(List<Rung> rungs, List<AudioTrack> audio) {
        List<String> entries = new ArrayList<>();
        String group = audio.isEmpty() ? "" : ",agroup:" + AUDIO_GROUP;
        for (int i = 0; i < rungs.size(); i++) {
            entries.add(String.format(Locale.ROOT, "v:%d%s,name:%s", i, group, rungs.get(i).id()));
        }
        for (int k = 0; k < audio.size(); k++) {
            entries.add("a:" + k + group + ",name:" + audio.get(k).id());
        }
        return String.join(" ", entries);
    }
}
