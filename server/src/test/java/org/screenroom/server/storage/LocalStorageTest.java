package org.screenroom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link StorageContract} on local disk, plus its local-only promises. */
class LocalStorageTest extends StorageContract {
  private LocalStorage storage;
  private Path root;

  @BeforeEach
  void open() throws Exception {
    root = Files.createDirectories(work.resolve("root"));
    storage = new LocalStorage(root);
  }

  @Override
  Storage storage() {
    return storage;
  }

  @Test
  void layout_isTheDataDirectoryAsBefore_andLocalPathNamesTheFile() throws Exception {
    storage.put("films/a1/package/master.m3u8", Files.writeString(work.resolve("m"), "#EXTM3U"));

    assertThat(root.resolve("films/a1/package/master.m3u8")).hasContent("#EXTM3U");
    assertThat(storage.localPath("films/a1/package/master.m3u8"))
        .contains(root.resolve("films/a1/package/master.m3u8").toAbsolutePath());
    assertThat(storage.remote()).isFalse();
    assertThat(storage.presign("films/a1/package/master.m3u8", java.time.Duration.ofMinutes(1)))
        .isEmpty();
  }

  @Test
  void list_leavesOutHiddenTemporaryFiles() throws Exception {
    Files.createDirectories(root.resolve("films/a1/package/.package.tmp-1"));
    Files.writeString(root.resolve("films/a1/package/.package.tmp-1/x.m4s"), "partial");
    Files.writeString(root.resolve("films/a1/package/.put-x"), "partial");
    Files.writeString(root.resolve("films/a1/package/master.m3u8"), "#EXTM3U");

    assertThat(storage.list("films/a1/")).extracting(StoredObject::key)
        .containsExactly("films/a1/package/master.m3u8");
  }
}
