package org.screenroom.server.subtitle;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.screenroom.server.app.FilmFiles;
import org.screenroom.transcode.SubtitleInput;
import org.screenroom.transcode.packaging.TextTrack;

/**
 * A film's subtitle files as the filmmaker gave them (converted to WebVTT), kept beside the
 * master in {@code films/ID/subtitles/}: {@code LANG.vtt} plus {@code tracks.json} with each
 * language's label in upload order. They outlive any package, so a new transcode packages them
 * again. Blocking file IO: call on a worker.
 */
public final class SubtitleStore {
  /** The language tags accepted: they become file names, so nothing else may pass. */
  public static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}");
  private static final String DIR = "subtitles";
  private static final String INDEX = "tracks.json";

  private final FilmFiles files;

  public SubtitleStore(FilmFiles files) {
    this.files = files;
  }

  /** Lower-cases and checks a language tag; empty when it is not one. */
  public static Optional<String> language(String raw) {
    String tag = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    return LANGUAGE.matcher(tag).matches() ? Optional.of(tag) : Optional.empty();
  }

  /**
   * The film's tracks, in upload order.
   *
   * @throws IOException when the index cannot be read
   */
  public List<TextTrack> tracks(String filmId) throws IOException {
    Path index = dir(filmId).resolve(INDEX);
    if (!Files.isRegularFile(index)) {
      return List.of();
    }
    List<TextTrack> tracks = new ArrayList<>();
    for (Object o : new JsonArray(Files.readString(index, StandardCharsets.UTF_8))) {
      JsonObject t = (JsonObject) o;
      tracks.add(new TextTrack(t.getString("language"), t.getString("label")));
    }
    return tracks;
  }

  /** The stored WebVTT text of a track. */
  public String text(String filmId, String language) throws IOException {
    return Files.readString(dir(filmId).resolve(language + ".vtt"), StandardCharsets.UTF_8);
  }

  /**
   * Stores (or replaces) a track; answers the tracks afterwards.
   *
   * @param vtt WebVTT text, already converted
   */
  public List<TextTrack> put(String filmId, TextTrack track, String vtt) throws IOException {
    Files.createDirectories(dir(filmId));
    writeAtomically(dir(filmId).resolve(track.vttFile()), vtt);
    List<TextTrack> tracks = new ArrayList<>(tracks(filmId));
    int at = indexOf(tracks, track.language());
    if (at >= 0) {
      tracks.set(at, track);
    } else {
      tracks.add(track);
    }
    writeIndex(filmId, tracks);
    return tracks;
  }

  /** Removes a track; empty when there was none. */
  public Optional<List<TextTrack>> remove(String filmId, String language) throws IOException {
    List<TextTrack> tracks = new ArrayList<>(tracks(filmId));
    int at = indexOf(tracks, language);
    if (at < 0) {
      return Optional.empty();
    }
    tracks.remove(at);
    writeIndex(filmId, tracks);
    Files.deleteIfExists(dir(filmId).resolve(language + ".vtt"));
    return Optional.of(tracks);
  }

  /** The stored tracks as transcoder inputs, so a new package carries them. */
  public List<SubtitleInput> inputs(String filmId) throws IOException {
    List<SubtitleInput> inputs = new ArrayList<>();
    for (TextTrack t : tracks(filmId)) {
      inputs.add(new SubtitleInput(dir(filmId).resolve(t.vttFile()), t.language(), t.name()));
    }
    return inputs;
  }

  /** Writes through a temporary file and a rename, so a reader never sees half a file. */
  static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void writeIndex(String filmId, List<TextTrack> tracks) throws IOException {
    JsonArray json = new JsonArray();
    tracks.forEach(t -> json.add(new JsonObject().put("language", t.language()).put("label", t.name())));
    writeAtomically(dir(filmId).resolve(INDEX), json.encodePrettily());
  }

  private static int indexOf(List<TextTrack> tracks, String language) {
    for (int i = 0; i < tracks.size(); i++) {
      if (tracks.get(i).language().equals(language)) {
        return i;
      }
    }
    return -1;
  }

  private Path dir(String filmId) {
    return files.filmDir(filmId).resolve(DIR);
  }
}
