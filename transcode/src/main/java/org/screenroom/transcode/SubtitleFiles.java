package org.screenroom.transcode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.screenroom.transcode.packaging.TextTrack;
import org.screenroom.transcode.probe.SourceRejectedException;
import org.screenroom.transcode.subtitles.WebVtt;

/** Reads and converts the subtitle files before any encoding starts, so a bad file fails fast. */
final class SubtitleFiles {
    private SubtitleFiles() {
    }

    /**
     * @return WebVTT text per track, in the given order
     * @throws SourceRejectedException  when a file cannot be read or is neither SRT nor WebVTT
     * @throws IllegalArgumentException when two inputs share a language
     */
    static Map<TextTrack, String> read(List<SubtitleInput> inputs) throws SourceRejectedException {
        Map<TextTrack, String> texts = new LinkedHashMap<>();
        Set<String> languages = new HashSet<>();
        for (SubtitleInput in : inputs) {
            if (!languages.add(in.language())) {
                throw new IllegalArgumentException("two subtitle files for language " + in.language());
            }
            String name = in.file().getFileName().toString();
            try {
                texts.put(new TextTrack(in.language(), in.label()), WebVtt.convert(text(in)));
            } catch (IOException e) {
                throw new SourceRejectedException("The subtitle file \"" + name + "\" could not be read. Upload it again.");
            } catch (IllegalArgumentException e) {
                throw new SourceRejectedException("The subtitle file \"" + name + "\" is not SRT or WebVTT ("
                        + e.getMessage() + "). Export the subtitles as .srt or .vtt.");
            }
        }
        return texts;
    }

    /** UTF-8, else Latin-1: many SRT files from older tools are Windows-1252/Latin-1. */
    private static String text(SubtitleInput in) throws IOException {
        try {
            return Files.readString(in.file(), StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return Files.readString(in.file(), StandardCharsets.ISO_8859_1);
        }
    }
}
