package org.screenroom.server.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The ffprobe and ffmpeg command lines for images. Pure: argument lists only. */
public final class ImageCommands {
  /** Rendition widths offered, ascending. Sized for a phone list, a page and a wide screen. */
  public static final List<Integer> WIDTHS = List.of(320, 640, 1280);
  /** JPEG quality on ffmpeg's 2 (best) .. 31 scale. */
  static final int JPEG_QUALITY = 3;

  private ImageCommands() {}

  /**
   * The widths to store for an original {@code sourceWidth} pixels wide: the standard ones that
   * do not upscale it, or the original width alone when it is narrower than all of them.
   */
  public static List<Integer> widths(int sourceWidth) {
    List<Integer> fitting = WIDTHS.stream().filter(w -> w <= sourceWidth).toList();
    return fitting.isEmpty() ? List.of(sourceWidth) : fitting;
  }

  /** ffprobe describing the first video stream of {@code input}, read only as {@code type}. */
  public static List<String> probe(Path ffprobe, ImageType type, Path input) {
    return List.of(ffprobe.toString(), "-v", "error", "-protocol_whitelist", "file",
        "-f", type.demuxer(), "-select_streams", "v:0", "-show_entries",
        "stream=codec_name,width,height", "-print_format", "json", input.toString());
  }

  /**
   * ffmpeg decoding {@code input} once and writing one JPEG per width (aspect kept) to
   * {@code outputs}, which match {@code widths} one to one.
   */
  public static List<String> resize(Path ffmpeg, ImageType type, Path input, List<Integer> widths,
      List<Path> outputs) {
    if (widths.isEmpty() || widths.size() != outputs.size()) {
      throw new IllegalArgumentException("one output per width, at least one");
    }
    String graph = "[0:v]split=" + widths.size()
        + IntStream.range(0, widths.size()).mapToObj(i -> "[s" + i + "]").collect(Collectors.joining())
        + IntStream.range(0, widths.size()).mapToObj(i -> ";[s" + i + "]scale=" + widths.get(i)
            + ":-1:flags=lanczos,format=yuvj420p[o" + i + "]").collect(Collectors.joining());
    List<String> argv = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin",
        "-loglevel", "error", "-y", "-protocol_whitelist", "file", "-f", type.demuxer(),
        "-i", input.toString(), "-filter_complex", graph));
    for (int i = 0; i < widths.size(); i++) {
      // -map_metadata -1: no EXIF (camera, GPS) travels from the upload to the public file.
      argv.addAll(List.of("-map", "[o" + i + "]", "-map_metadata", "-1", "-frames:v", "1",
          "-update", "1", "-q:v", Integer.toString(JPEG_QUALITY), outputs.get(i).toString()));
    }
    return argv;
  }
}
