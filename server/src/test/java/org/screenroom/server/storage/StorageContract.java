package org.screenroom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Storage} does, run against each implementation by a subclass: put, get,
 * ranges, listing, deleting, missing keys and hostile keys.
 */
abstract class StorageContract {
  @TempDir Path work;

  /** The storage under test, empty at the start of each test. */
  abstract Storage storage();

  private Path file(String name, String text) throws Exception {
    return Files.writeString(work.resolve(name), text, StandardCharsets.UTF_8);
  }

  private String read(String key, long first, long length) throws Exception {
    try (InputStream in = storage().open(key, first, length)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void put_thenGet_copiesTheBytes() throws Exception {
    storage().put("films/a1/master/original.mp4", file("in", "0123456789"));
    Path out = work.resolve("out/copy.mp4");

    storage().get("films/a1/master/original.mp4", out);

    assertThat(out).hasContent("0123456789");
    assertThat(storage().stat("films/a1/master/original.mp4")).get()
        .satisfies(o -> {
          assertThat(o.size()).isEqualTo(10);
          assertThat(o.etag()).startsWith("\"").endsWith("\"");
        });
  }

  @Test
  void put_again_replacesTheObjectAndItsEtag() throws Exception {
    storage().put("k/x.m3u8", file("one", "first"));
    String before = storage().stat("k/x.m3u8").orElseThrow().etag();

    storage().put("k/x.m3u8", file("two", "second version"));

    assertThat(read("k/x.m3u8", 0, -1)).isEqualTo("second version");
    assertThat(storage().stat("k/x.m3u8").orElseThrow().etag()).isNotEqualTo(before);
  }

  @ParameterizedTest(name = "first {0}, length {1} -> {2}")
  @CsvSource({
      "0, -1, 0123456789",
      "0, 1, 0",
      "3, 4, 3456",
      "9, 1, 9",
      "5, -1, 56789",
      "0, 10, 0123456789",
  })
  void open_range_readsExactlyThoseBytes(long first, long length, String expected) throws Exception {
    storage().put("films/a1/package/v0/seg_00001.m4s", file("seg", "0123456789"));

    assertThat(read("films/a1/package/v0/seg_00001.m4s", first, length)).isEqualTo(expected);
  }

  @Test
  void list_prefix_answersOnlyObjectsUnderIt_sortedWithSizes() throws Exception {
    Path f = file("f", "abc");
    for (String key : List.of("films/b2/package/master.m3u8", "films/b2/package/v0/seg_1.m4s",
        "films/b2/master/original.mov", "films/b22/package/master.m3u8", "other/x")) {
      storage().put(key, f);
    }

    List<StoredObject> listed = storage().list("films/b2/package/");

    assertThat(listed).extracting(StoredObject::key)
        .containsExactly("films/b2/package/master.m3u8", "films/b2/package/v0/seg_1.m4s");
    assertThat(listed).allSatisfy(o -> assertThat(o.size()).isEqualTo(3));
    // The sibling-prefix film b22 is not b2's.
    assertThat(storage().list("films/b2/")).extracting(StoredObject::key)
        .doesNotContain("films/b22/package/master.m3u8").hasSize(3);
  }

  @Test
  void deleteAll_removesEveryObjectUnderThePrefix_andNothingElse() throws Exception {
    Path f = file("f", "abc");
    storage().put("films/c3/master/original.mov", f);
    storage().put("films/c3/package/master.m3u8", f);
    storage().put("films/c3/package/v1/seg_2.m4s", f);
    storage().put("films/c33/package/master.m3u8", f);

    int removed = storage().deleteAll("films/c3/");

    assertThat(removed).isEqualTo(3);
    assertThat(storage().list("films/c3/")).isEmpty();
    assertThat(storage().list("films/c33/")).hasSize(1);
  }

  @Test
  void delete_removesOne_andMissingIsNoError() throws Exception {
    storage().put("k/one", file("f", "x"));

    storage().delete("k/one");
    storage().delete("k/one");

    assertThat(storage().stat("k/one")).isEmpty();
  }

  @Test
  void missingKey_statIsEmpty_openAndGetThrowNoSuchFile() throws Exception {
    assertThat(storage().stat("films/none/master.m3u8")).isEmpty();
    assertThatThrownBy(() -> storage().open("films/none/master.m3u8", 0, -1))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> storage().get("films/none/master.m3u8", work.resolve("x")))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(storage().list("films/none/")).isEmpty();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"../escape", "films/../../etc/passwd", "/abs", "films//double",
      "films/./x", "films/..", ".hidden", "films/a\\b", "films/%2e%2e/x", "films/a\u0000b",
      "films/a\nb", "", "trailing/", "films/a b", "films/ü"})
  void hostileKey_isRefusedBeforeStorageIsTouched(String key) throws Exception {
    Path f = file("f", "x");

    assertThatThrownBy(() -> storage().put(key, f)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage().open(key, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage().stat(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage().delete(key)).isInstanceOf(IllegalArgumentException.class);
    assertThat(work.getParent().resolve("escape")).doesNotExist();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"../", "films", "/films/", "films/../", "films//"})
  void hostilePrefix_isRefused(String prefix) {
    assertThatThrownBy(() -> storage().list(prefix)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage().deleteAll(prefix))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
