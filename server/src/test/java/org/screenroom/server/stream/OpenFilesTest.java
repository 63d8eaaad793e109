package org.screenroom.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segment path's open files: opened once and shared, closed only when out of the cache AND
 * released by the last send holding them, never serving another package's bytes. Opens and
 * closes run on a direct executor here, so every step is done when the call returns.
 */
class OpenFilesTest {
  private static final String SEGMENT = "v0/seg_00001.m4s";
  @TempDir Path work;
  private final AtomicLong nanos = new AtomicLong();
  /** The channels the opener handed out, in order. */
  private final List<FileChannel> opened = new ArrayList<>();
  private Vertx vertx;
  private Context context;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private OpenFiles files(long max) {
    return new OpenFiles(path -> {
      FileChannel c = FileChannel.open(path, StandardOpenOption.READ);
      opened.add(c);
      return c;
    }, Runnable::run, nanos::get, max);
  }

  /** A package of one segment holding {@code bytes}, written as a transcode does: renamed in. */
  private PackageIndex.Entry publish(String film, byte[] bytes) throws IOException {
    Path staging = work.resolve("staging-" + System.nanoTime());
    Files.createDirectories(staging.resolve("v0"));
    Files.write(staging.resolve(SEGMENT), bytes);
    Path dir = work.resolve(film);
    if (Files.exists(dir)) {
      Path old = work.resolve("old-" + System.nanoTime());
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(old.resolve(SEGMENT));
    } else {
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    }
    return PackageIndex.load(dir).get(SEGMENT).orElseThrow();
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static byte[] read(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) channel.size());
    // Positional, as Vert.x reads a shared channel.
    while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
      continue;
    }
    return b.array();
  }

  @Test
  void twoSends_shareOneOpenFile() throws Exception {
    OpenFiles files = files(10);
    PackageIndex.Entry entry = publish("f1", new byte[] {1, 2, 3});

    OpenFiles.Lease a = await(files.hold("f1", entry, context));
    OpenFiles.Lease b = await(files.hold("f1", entry, context));

    assertThat(b).isSameAs(a);
    assertThat(files.opened()).isEqualTo(1);
    assertThat(read(a.channel())).containsExactly(1, 2, 3);
    a.release();
    b.release();
    assertThat(a.isOpen()).as("still cached: open for the next send").isTrue();
  }

  @Test
  void evictedWhileSending_closesOnlyAfterTheLastRelease() throws Exception {
    OpenFiles files = files(10);
    PackageIndex.Entry entry = publish("f1", new byte[] {1, 2, 3});
    OpenFiles.Lease first = await(files.hold("f1", entry, context));
    OpenFiles.Lease second = await(files.hold("f1", entry, context));

    files.forget("f1");
    assertThat(first.isOpen()).as("two sends still hold it").isTrue();
    first.release();
    assertThat(second.isOpen()).as("one send still holds it").isTrue();
    assertThat(read(second.channel())).containsExactly(1, 2, 3);
    second.release();

    assertThat(second.isOpen()).isFalse();
    OpenFiles.Lease again = await(files.hold("f1", entry, context));
    assertThat(again).isNotSameAs(first);
    assertThat(again.isOpen()).isTrue();
    assertThat(files.opened()).isEqualTo(2);
  }

  @Test
  void evictedWhenIdle_closesAtOnceIfNobodyHoldsIt() throws Exception {
    OpenFiles files = files(10);
    PackageIndex.Entry entry = publish("f1", new byte[] {1, 2, 3});
    OpenFiles.Lease lease = await(files.hold("f1", entry, context));
    lease.release();

    nanos.addAndGet(OpenFiles.IDLE.plusSeconds(1).toNanos());
    files.cleanUp();

    assertThat(lease.isOpen()).isFalse();
    assertThat(files.size()).isZero();
  }

  @Test
  void fullCache_evictsAnotherFile_butNotFromUnderItsSend() throws Exception {
    OpenFiles files = files(1);
    PackageIndex.Entry one = publish("f1", new byte[] {1});
    PackageIndex.Entry two = publish("f2", new byte[] {2});
    OpenFiles.Lease held = await(files.hold("f1", one, context));

    OpenFiles.Lease other = await(files.hold("f2", two, context));
    files.cleanUp();

    assertThat(files.size()).isEqualTo(1);
    assertThat(held.isOpen()).as("evicted or not, its send still holds it").isTrue();
    assertThat(read(held.channel())).containsExactly(1);
    assertThat(read(other.channel())).containsExactly(2);
    held.release();
    other.release();
    assertThat(opened.stream().filter(FileChannel::isOpen).count())
        .as("exactly the one file still in the cache is open").isEqualTo(1);
  }

  @Test
  void forget_dropsOnlyThatFilmsFiles() throws Exception {
    OpenFiles files = files(10);
    OpenFiles.Lease one = await(files.hold("f1", publish("f1", new byte[] {1}), context));
    OpenFiles.Lease two = await(files.hold("f2", publish("f2", new byte[] {2}), context));
    one.release();
    two.release();

    files.forget("f1");

    assertThat(one.isOpen()).isFalse();
    assertThat(two.isOpen()).isTrue();
  }

  @Test
  void newPackageAtTheSamePath_isOpenedAfresh_whileTheOldSendKeepsItsBytes() throws Exception {
    OpenFiles files = files(10);
    PackageIndex.Entry v1 = publish("f1", new byte[] {1, 1, 1});
    OpenFiles.Lease old = await(files.hold("f1", v1, context));

    // Same path, same size; another inode (and most likely the same modification second).
    PackageIndex.Entry v2 = publish("f1", new byte[] {2, 2, 2});
    OpenFiles.Lease now = await(files.hold("f1", v2, context));

    assertThat(v2.path()).isEqualTo(v1.path());
    assertThat(now).isNotSameAs(old);
    assertThat(read(now.channel())).containsExactly(2, 2, 2);
    assertThat(read(old.channel())).as("the send under way finishes the old package")
        .containsExactly(1, 1, 1);
    assertThat(files.opened()).isEqualTo(2);
  }

  @Test
  void indexOlderThanTheDisk_isStale_notServedWithTheOldHeaders() throws Exception {
    OpenFiles files = files(10);
    PackageIndex.Entry indexed = publish("f1", new byte[] {1, 1, 1});
    publish("f1", new byte[] {2, 2, 2});

    assertThatThrownBy(() -> await(files.hold("f1", indexed, context)))
        .isInstanceOf(OpenFiles.StaleFile.class);
    assertThat(opened).as("nothing left open").allMatch(c -> !c.isOpen());
    assertThat(files.size()).isZero();
  }

  @Test
  void missingFile_failsWithTheOpenError_andIsNotCached() throws Exception {
    OpenFiles files = files(10);
    PackageIndex.Entry entry = publish("f1", new byte[] {1});
    Files.delete(entry.path());

    assertThatThrownBy(() -> await(files.hold("f1", entry, context)))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(files.size()).isZero();
  }

  @Test
  void openOnAnEventLoop_isRefused() throws Exception {
    // A direct executor run from an event loop: the wiring mistake the guard is there for.
    OpenFiles files = files(10);
    PackageIndex.Entry entry = publish("f1", new byte[] {1});
    Promise<OpenFiles.Lease> onLoop = Promise.promise();

    context.runOnContext(v -> {
      assertThat(Context.isOnEventLoopThread()).isTrue();
      files.hold("f1", entry, context).onComplete(onLoop);
    });

    assertThatThrownBy(() -> await(onLoop.future()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("event loop");
    assertThat(opened).isEmpty();
  }

  @Test
  void peek_holdsOnlyAFileOpenAlready_andLeasedCountsTheHolds() throws Exception {
    OpenFiles files = files(8);
    PackageIndex.Entry entry = publish("film", new byte[] {1, 2, 3});

    OpenFiles.Lease none = files.peek("film", entry);
    OpenFiles.Lease held = await(files.hold("film", entry, context));
    OpenFiles.Lease peeked = files.peek("film", entry);

    assertThat(none).as("not open yet: nothing opened by a peek").isNull();
    assertThat(opened).hasSize(1);
    assertThat(peeked).isNotNull();
    assertThat(peeked.channel()).isSameAs(held.channel());
    assertThat(files.leased()).isEqualTo(2);
    held.release();
    peeked.release();
    assertThat(files.leased()).isZero();
    assertThat(peeked.isOpen()).as("the cache still holds it").isTrue();
  }

  @Test
  void peek_afterTheFilmIsForgotten_findsNothing_andTheHeldFileClosesOnRelease()
      throws Exception {
    OpenFiles files = files(8);
    PackageIndex.Entry entry = publish("film", new byte[] {1, 2, 3});
    await(files.hold("film", entry, context)).release();
    OpenFiles.Lease peeked = files.peek("film", entry);

    files.forget("film");
    files.cleanUp();

    assertThat(files.peek("film", entry)).isNull();
    assertThat(peeked.isOpen()).as("a send still holds it").isTrue();
    peeked.release();
    assertThat(peeked.isOpen()).isFalse();
  }
}
