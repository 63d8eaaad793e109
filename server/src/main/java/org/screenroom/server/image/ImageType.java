package org.screenroom.server.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The image types accepted for posters and stills, with the ffmpeg demuxer forced for each: the
 * bytes are read only as the declared type, so a playlist or other container dressed up as an
 * image is never opened by ffmpeg's format probing.
 */
public enum ImageType {
  JPEG("image/jpeg", "jpeg_pipe", "mjpeg"),
  PNG("image/png", "png_pipe", "png"),
  WEBP("image/webp", "webp_pipe", "webp");

  private final String mediaType;
  private final String demuxer;
  private final String codec;

  ImageType(String mediaType, String demuxer, String codec) {
    this.mediaType = mediaType;
    this.demuxer = demuxer;
    this.codec = codec;
  }

  /** The type named by a Content-Type header (parameters ignored), or empty. */
  public static Optional<ImageType> fromContentType(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String bare = header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.mediaType.equals(bare)).findFirst();
  }

  /** The media type, e.g. {@code image/png}. */
  public String mediaType() {
    return mediaType;
  }

  /** ffmpeg's demuxer for this type ({@code -f}). */
  public String demuxer() {
    return demuxer;
  }

  /** ffprobe's codec name for a stream of this type. */
  public String codec() {
    return codec;
  }
}
