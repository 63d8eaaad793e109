package org.screenroom.transcode.packaging;

/**
 * A WebVTT subtitle track of a package: {@code subs/{language}.vtt} and its one-segment
 * playlist {@code subs/{language}.m3u8}; with a {@code revision}, {@code subs/{language}_{revision}.vtt}
 * and {@code .m3u8}. A track edited in a published package gets a revision named after its
 * content, so the edit writes new files under new URLs and never changes the bytes behind a URL
 * served as immutable.
 *
 * @param language BCP 47 / ISO 639 tag in lower case, also the file name
 * @param name     label shown by players
 * @param revision a name for this content of the track (lower-case letters and digits), or null
 *                 for the track as a transcode packaged it
 */
public record TextTrack(String language, String name, String revision) {
    /** Directory of all subtitle files. */
    public static final String DIR = "subs";

    /** Checks the revision: it becomes part of file names and URLs. */
    public TextTrack {
        if (revision != null && !revision.matches("[a-z0-9]{1,32}")) {
            throw new IllegalArgumentException("not a subtitle revision: '" + revision + "'");
        }
    }

    /** A track as a transcode packages it (no revision). */
    public TextTrack(String language, String name) {
        this(language, name, null);
    }

    /** This track under {@code revision}. */
    public TextTrack revised(String revision) {
        return new TextTrack(language, name, revision);
    }

    public String vttFile() {
        return base() + ".vtt";
    }

    public String playlistFile() {
        return base() + ".m3u8";
    }

    private String base() {
        // An underscore: never in a language tag, and allowed in playback file names.
        return revision == null ? language : language + "_" + revision;
    }
}
