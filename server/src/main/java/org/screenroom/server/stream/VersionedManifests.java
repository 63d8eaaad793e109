package org.screenroom.server.stream;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entry manifests of a versioned package as viewers get them: every file they name is put
 * under the package's version ({@code v0/playlist.m3u8} becomes {@code VERSION/v0/playlist.m3u8};
 * a DASH manifest gets {@code <BaseURL>VERSION/</BaseURL>}), so segment URLs differ between two
 * transcodes of a film and an immutable cached segment is never mixed into a newer package. The
 * entry manifests keep their unversioned URLs and short cache life: that is where a viewer
 * learns the new version. Variant playlists name their segments relatively, so they need no
 * change. Pure.
 */
public final class VersionedManifests {
  private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");
  private static final Pattern MPD_START = Pattern.compile("<MPD(?:\\s[^>]*)?>");

  private VersionedManifests() {}

  /** {@code bytes} of the package file {@code name} as served for {@code version}. */
  public static byte[] rewrite(String name, byte[] bytes, String version) {
    if (version == null) {
      return bytes;
    }
    return switch (name) {
      case "master.m3u8" -> hls(new String(bytes, StandardCharsets.UTF_8), version)
          .getBytes(StandardCharsets.UTF_8);
      case "manifest.mpd" -> dash(new String(bytes, StandardCharsets.UTF_8), version)
          .getBytes(StandardCharsets.UTF_8);
      default -> bytes;
    };
  }

  /** Whether the file is an entry manifest (rewritten for a version). */
  public static boolean entry(String name) {
    return name.equals("master.m3u8") || name.equals("manifest.mpd");
  }

  /** An HLS multivariant playlist with every relative URI under {@code version}. */
  static String hls(String master, String version) {
    StringBuilder out = new StringBuilder(master.length() + 256);
    for (String line : master.split("\n", -1)) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      String bare = line.strip();
      if (bare.isEmpty()) {
        out.append(line);
      } else if (bare.startsWith("#")) {
        Matcher m = URI_ATTRIBUTE.matcher(line);
        out.append(m.replaceAll(r -> Matcher.quoteReplacement(
            "URI=\"" + under(version, r.group(1)) + "\"")));
      } else {
        out.append(under(version, bare));
      }
    }
    return out.toString();
  }

  /** A DASH manifest whose relative URLs resolve under {@code version}. */
  static String dash(String mpd, String version) {
    Matcher m = MPD_START.matcher(mpd);
    if (!m.find() || m.group().endsWith("/>")) {
      return mpd;
    }
    // The first child an MPD may have after ProgramInformation, which ours never has.
    return mpd.substring(0, m.end()) + "\n  <BaseURL>" + version + "/</BaseURL>"
        + mpd.substring(m.end());
  }

  private static String under(String version, String uri) {
    boolean absolute = uri.startsWith("/") || uri.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    return absolute ? uri : version + "/" + uri;
  }
}
