package org.screenroom.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The writer cuts each buffer into system calls of at most a slice: whatever the slice, the
 * buffers' sizes and the starting offset, the file holds the bytes before the offset untouched
 * and the buffers' bytes after it, in order, and the buffers handed over keep their positions.
 */
class PartWriterTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "offset {0}, buffers of {1}, slices of {2}")
  @CsvSource({
      "0, 1, 65536",
      "0, 65536, 65536",          // exactly one slice
      "0, 65537, 65536",          // one byte into a second slice
      "0, 1048576, 65536",        // the server's buffer in the server's slices
      "0, 1048576, 1048576",      // one slice per buffer
      "0, 1000, 7",               // odd slices
      "12345, 300001, 4096",      // a resumed upload: the bytes before the offset stay
      "5, 0, 4096"})              // an empty buffer writes nothing
  void buffers_areWrittenByteExact_inSlices(long offset, int bufferBytes, int slice)
      throws Exception {
    Random random = new Random(offset * 31 + bufferBytes + slice);
    byte[] before = new byte[(int) offset];
    random.nextBytes(before);
    Path part = Files.write(dir.resolve("body.part"), before);
    byte[] body = new byte[3 * bufferBytes];
    random.nextBytes(body);

    PartWriter writer = new PartWriter(part, offset, slice);
    writer.open();
    for (int at = 0; at < body.length; at += bufferBytes) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(bufferBytes);
      buffer.put(body, at, bufferBytes).flip();
      writer.write(buffer);
      assertThat(buffer.position()).isZero();
      assertThat(buffer.limit()).isEqualTo(bufferBytes);
    }
    writer.close();

    byte[] file = Files.readAllBytes(part);
    assertThat(file).hasSize(before.length + body.length);
    assertThat(Arrays.copyOfRange(file, 0, before.length)).isEqualTo(before);
    assertThat(Arrays.copyOfRange(file, before.length, file.length)).isEqualTo(body);
  }
}
