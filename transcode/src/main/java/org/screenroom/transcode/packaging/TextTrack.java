package org.screenroom.transcode.packaging;

/**
 * A WebVTT subtitle track of a package: {@code subs/{language}.vtt} and its one-segment
 * playlist {@code subs/{language}.m3u8}.
 *
 * @param language BCP 47 / ISO 639 tag in lower case, also the file name
 * @param name     label shown by players
 */
public record TextTrack(String language, String name) {
    /** Directory of all subtitle files. */
    public static final String DIR = "subs";

    public String vttFile() {
        return language + ".vtt";
    }

    public String playlistFile() {
        return language + ".m3u8";
    }
}
