package org.screenroom.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Media first, manifests last: the order a package reaches the bucket. */
class PackageUploadTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "master.m3u8, 2",
      "manifest.mpd, 2",
      "v720/index.m3u8, 1",
      "v720/iframes.m3u8, 1",
      "subs/fr.m3u8, 1",
      "v720/seg_00001.m4s, 0",
      "v720/init.mp4, 0",
      "subs/fr.vtt, 0",
      "poster/poster.jpg, 0",
  })
  void rank_entryManifestsLast_playlistsBeforeThem(String name, int rank) {
    assertThat(PackageUpload.rank(name)).isEqualTo(rank);
  }

  @Test
  void order_putsEveryMediaFileBeforeAnyPlaylist_andTheEntryManifestsLast() {
    List<String> order = PackageUpload.order(List.of("master.m3u8", "v0/index.m3u8",
        "manifest.mpd", "v0/seg_00002.m4s", "v0/init.mp4", "a0/seg_00001.m4s", "v0/seg_00001.m4s"));

    assertThat(order).containsExactly("a0/seg_00001.m4s", "v0/init.mp4", "v0/seg_00001.m4s",
        "v0/seg_00002.m4s", "v0/index.m3u8", "manifest.mpd", "master.m3u8");
  }
}
