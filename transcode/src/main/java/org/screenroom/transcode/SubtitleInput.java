package org.screenroom.transcode;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A subtitle file to package with a film.
 *
 * @param file     an SRT or WebVTT file (UTF-8; Latin-1 is accepted for old SRT exports)
 * @param language BCP 47 / ISO 639 tag such as "en", "fra" or "pt-br"; lower-cased, it becomes
 *                 the file name {@code subs/{language}.vtt}, so it must be unique per film
 * @param label    what players show, e.g. "English (SDH)"
 */
public record SubtitleInput(Path file, String language, String label) {
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}");

    /**
     * @throws IllegalArgumentException when the language is not a plain language tag or the label is blank
     */
    public SubtitleInput {
        Objects.requireNonNull(file, "file");
        language = Objects.requireNonNull(language, "language").strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("subtitle language \"" + language
                    + "\" must be a language tag such as en, fra or pt-br");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("subtitle label must not be blank (e.g. \"English\")");
        }
        label = label.strip();
    }
}
