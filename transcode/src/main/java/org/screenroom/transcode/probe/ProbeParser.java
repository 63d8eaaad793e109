package org.screenroom.transcode.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the JSON of {@code ffprobe -print_format json -show_format -show_streams}. Pure.
 * Missing fields become neutral values (0, "", "und", {@link Rational#UNKNOWN}) so a sparse
 * probe still yields a value that {@link SourceCheck} can judge.
 */
public final class ProbeParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeParser() {
    }

    /**
     * @throws IllegalArgumentException when the text is not JSON
     */
    public static MediaInfo parse(String ffprobeJson) {
        JsonNode root;
        try {
            root = JSON.readTree(ffprobeJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ffprobe output is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode format = root.path("format");
        List<VideoStream> video = new ArrayList<>();
        List<AudioStream> audio = new ArrayList<>();
        List<SubtitleStream> subtitles = new ArrayList<>();
        for (JsonNode stream : root.path("streams")) {
            switch (stream.path("codec_type").asText()) {
                case "video" -> {
                    // Cover art in music files is a one-frame "video" stream; it is not a film.
                    if (stream.path("disposition").path("attached_pic").asInt() == 0) {
                        video.add(video(stream));
                    }
                }
                case "audio" -> audio.add(audio(stream));
                case "subtitle" -> subtitles.add(new SubtitleStream(stream.path("index").asInt(),
                        stream.path("codec_name").asText(""), language(stream)));
                default -> { }
            }
        }
        return new MediaInfo(format.path("format_name").asText(""), seconds(format.path("duration").asText("")),
                format.path("size").asLong(0), format.path("bit_rate").asLong(0), video, audio, subtitles);
    }

    private static VideoStream video(JsonNode s) {
        String pixFmt = s.path("pix_fmt").asText("");
        return new VideoStream(s.path("index").asInt(), s.path("codec_name").asText(""),
                s.path("width").asInt(0), s.path("height").asInt(0),
                Rational.parse(s.path("sample_aspect_ratio").asText(null)),
                Rational.parse(s.path("display_aspect_ratio").asText(null)), rotation(s),
                Rational.parse(s.path("r_frame_rate").asText(null)),
                Rational.parse(s.path("avg_frame_rate").asText(null)), pixFmt, bitDepth(s, pixFmt),
                s.path("field_order").asText("unknown"), s.path("color_transfer").asText(""),
                s.path("color_primaries").asText(""), s.path("color_space").asText(""),
                s.path("chroma_location").asText("unspecified"));
    }

    private static AudioStream audio(JsonNode s) {
        return new AudioStream(s.path("index").asInt(), s.path("codec_name").asText(""), s.path("channels").asInt(0),
                s.path("channel_layout").asText(""), s.path("sample_rate").asInt(0), language(s));
    }

    /** Newer ffprobe reports a display matrix side data; older files carry a "rotate" tag. */
    static int rotation(JsonNode stream) {
        for (JsonNode side : stream.path("side_data_list")) {
            if (side.has("rotation")) {
                return normalise(side.path("rotation").asInt());
            }
        }
        return normalise(stream.path("tags").path("rotate").asInt(0));
    }

    /** Only quarter turns matter for geometry; the sign convention differs between sources. */
    private static int normalise(int degrees) {
        return ((degrees % 360) + 360) % 360;
    }

    private static int bitDepth(JsonNode stream, String pixFmt) {
        int raw = stream.path("bits_per_raw_sample").asInt(0);
        if (raw > 0) {
            return raw;
        }
        if (pixFmt.contains("16")) {
            return 16;
        }
        if (pixFmt.contains("12")) {
            return 12;
        }
        return pixFmt.contains("10") ? 10 : 8;
    }

    private static String language(JsonNode stream) {
        return stream.path("tags").path("language").asText("und");
    }

    private static Duration seconds(String text) {
        try {
            double s = Double.parseDouble(text);
            return s > 0 && Double.isFinite(s) ? Duration.ofNanos(Math.round(s * 1e9)) : Duration.ZERO;
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
