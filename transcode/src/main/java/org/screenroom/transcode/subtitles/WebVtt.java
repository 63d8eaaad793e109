package org.screenroom.transcode.subtitles;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns SRT or WebVTT text into clean WebVTT. Pure. */
public final class WebVtt {
    /** SRT timing: "00:01:02,500 --> 00:01:04,000" (hours may be one digit, dots tolerated). */
    private static final Pattern SRT_TIMING = Pattern.compile(
            "^(\\d{1,2}):(\\d{2}):(\\d{2})[,.](\\d{3})\\s*-->\\s*(\\d{1,2}):(\\d{2}):(\\d{2})[,.](\\d{3}).*$");
    /** WebVTT has no font element; its text is kept. */
    private static final Pattern FONT_TAG = Pattern.compile("</?font[^>]*>", Pattern.CASE_INSENSITIVE);

    private WebVtt() {
    }

    /**
     * @throws IllegalArgumentException when the text is neither WebVTT nor SRT with at least one cue
     */
    public static String convert(String text) {
        String normalised = text.replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n');
        if (normalised.startsWith("WEBVTT")) {
            if (!normalised.contains("-->")) {
                throw new IllegalArgumentException("the WebVTT file has no cues");
            }
            return normalised.endsWith("\n") ? normalised : normalised + "\n";
        }
        return fromSrt(normalised);
    }

    private static String fromSrt(String srt) {
        List<String> cues = new ArrayList<>();
        for (String block : srt.strip().split("\n\\s*\n")) {
            List<String> lines = new ArrayList<>(List.of(block.strip().split("\n")));
            int timing = lines.size() > 1 && !lines.get(0).contains("-->") ? 1 : 0;
            if (lines.size() <= timing) {
                continue;
            }
            Matcher m = SRT_TIMING.matcher(lines.get(timing).strip());
            if (!m.matches()) {
                continue;
            }
            StringBuilder cue = new StringBuilder();
            if (timing == 1) {
                cue.append(lines.get(0).strip()).append('\n');
            }
            cue.append(String.format("%02d:%s:%s.%s --> %02d:%s:%s.%s", Integer.parseInt(m.group(1)), m.group(2),
                    m.group(3), m.group(4), Integer.parseInt(m.group(5)), m.group(6), m.group(7), m.group(8)));
            for (String line : lines.subList(timing + 1, lines.size())) {
                // A blank line would end the cue; "-->" inside text would start a new one.
                cue.append('\n').append(FONT_TAG.matcher(line).replaceAll("").replace("-->", "->"));
            }
            cues.add(cue.toString());
        }
        if (cues.isEmpty()) {
            throw new IllegalArgumentException("no SRT cues found");
        }
        return "WEBVTT\n\n" + String.join("\n\n", cues) + "\n";
    }
}
