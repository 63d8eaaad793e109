package org.screenroom.server.image;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What ffprobe saw in an upload: its codec and size.
 *
 * @param codec ffprobe's codec name ({@code mjpeg}, {@code png}, {@code webp})
 */
public record ImageProbe(String codec, int width, int height) {
  /** Parses ffprobe's JSON ({@link ImageCommands#probe}); empty when it found no picture. */
  public static Optional<ImageProbe> parse(String json) {
    try {
      JsonArray streams = new JsonObject(json).getJsonArray("streams");
      if (streams == null || streams.isEmpty() || !(streams.getValue(0) instanceof JsonObject s)) {
        return Optional.empty();
      }
      Integer width = s.getInteger("width");
      Integer height = s.getInteger("height");
      String codec = s.getString("codec_name");
      if (width == null || height == null || codec == null || width <= 0 || height <= 0) {
        return Optional.empty();
      }
      return Optional.of(new ImageProbe(codec, width, height));
    } catch (DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }
}
