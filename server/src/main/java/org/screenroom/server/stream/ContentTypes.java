package org.screenroom.server.stream;

/** Media types of the files a package holds. */
public final class ContentTypes {
  private ContentTypes() {}

  /** The media type for a package file name. */
  public static String forFile(String file) {
    int dot = file.lastIndexOf('.');
    String ext = dot < 0 ? "" : file.substring(dot + 1);
    return switch (ext) {
      case "m3u8" -> "application/vnd.apple.mpegurl";
      case "mpd" -> "application/dash+xml";
      case "mp4" -> "video/mp4";
      case "m4s" -> "video/iso.segment";
      case "vtt" -> "text/vtt; charset=utf-8";
      case "jpg" -> "image/jpeg";
      default -> "application/octet-stream";
    };
  }
}
