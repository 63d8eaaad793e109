package org.screenroom.transcode.ffmpeg;

import java.util.Map;
import java.util.regex.Pattern;
import org.screenroom.transcode.probe.VideoStream;

/**
 * Where the chroma samples of a subsampled picture sit, so that every scaler in the ladder reads
 * them where the source put them and writes them where H.264 players look for them. Pure.
 *
 * <p>Every rung is tagged and resampled as left-sited (MPEG-2 siting: chroma co-sited with the
 * even luma columns, halfway between two luma rows), H.264's default, which players assume. Left
 * to itself, swscale takes any 4:2:0 picture as centre-sited and still tags its output left, so a
 * downscale shifted the chroma by a fraction of a pixel (a third of an output pixel at 1080p to
 * 360p); zimg follows the tag of its input unless told otherwise.
 *
 * <p>One case is left as it was: swscale copies a picture that keeps its size and pixel format
 * whatever the positions say, so a centre- or top-left-tagged 4:2:0 source at exactly the top
 * rung's size keeps its chroma where it was (a quarter of a chroma sample off) while tagged left.
 * Such masters are rare (H.264, HEVC and ProRes masters are left-sited or untagged), and the
 * lower rungs still read the top rung as left-sited, so the ladder stays consistent.
 */
public final class ChromaSiting {
    /** zimg's name of the siting every rung gets. */
    public static final String OUTPUT = "left";
    /** swscale's chroma positions (luma grid / 256, horizontal then vertical) of each ffprobe name. */
    private static final Map<String, int[]> POSITIONS = Map.of(
            "left", new int[] {0, 128}, "center", new int[] {128, 128},
            "topleft", new int[] {0, 0}, "top", new int[] {128, 0},
            "bottomleft", new int[] {0, 256}, "bottom", new int[] {128, 256});
    private static final Pattern VERTICALLY_SUBSAMPLED = Pattern.compile(".*(420|410|nv12|nv21|p010|p012|p016).*");
    private static final Pattern HORIZONTALLY_SUBSAMPLED =
            Pattern.compile(".*(420|422|411|410|nv1[26]|nv2[01]|p01[026]|p21[06]|yuyv|uyvy|y210).*");

    private ChromaSiting() {
    }

    /**
     * The chroma position options of the scale filter that makes the top rung.
     *
     * @param video       the source stream
     * @param sourcePixels true when the scaler reads the decoded source (or its deinterlaced frames),
     *                    false when it reads the output of the tone-map (full-resolution chroma, no
     *                    siting to read)
     * @return options to append to {@code scale=W:H}, each beginning with ':'
     */
    public static String scaleOptions(VideoStream video, boolean sourcePixels) {
        StringBuilder options = new StringBuilder();
        if (sourcePixels) {
            int[] in = POSITIONS.getOrDefault(video.chromaLocation(), POSITIONS.get(OUTPUT));
            String format = video.pixelFormat();
            if (HORIZONTALLY_SUBSAMPLED.matcher(format).matches()) {
                options.append(":in_h_chr_pos=").append(in[0]);
            }
            if (VERTICALLY_SUBSAMPLED.matcher(format).matches()) {
                options.append(":in_v_chr_pos=").append(in[1]);
            }
        }
        int[] out = POSITIONS.get(OUTPUT);
        return options.append(":out_h_chr_pos=").append(out[0]).append(":out_v_chr_pos=").append(out[1]).toString();
    }
}
