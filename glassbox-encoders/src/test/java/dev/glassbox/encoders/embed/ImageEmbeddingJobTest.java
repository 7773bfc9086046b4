package dev.glassbox.encoders.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encoders.TestImages;
import dev.glassbox.encoders.TestResources;
import dev.glassbox.encoders.image.ImageDecodeException.Reason;
import dev.glassbox.encoders.ingest.ImageCollection;
import dev.glassbox.encoders.onnx.ClipModelDirectory;
import dev.glassbox.encoders.onnx.OnnxClipImageEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.progress.ProgressListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageEmbeddingJobTest {
  private static OnnxClipImageEncoder encoder;

  @BeforeAll
  static void openEncoder() throws IOException {
    encoder = ClipModelDirectory.open(TestResources.path("tiny-clip"))
        .openImageEncoder(OnnxConfig.defaults().withIntraOpThreads(1).withBatchSize(4));
  }

  @AfterAll
  static void closeEncoder() {
    encoder.close();
  }

  private static final EmbedImagesConfig CONFIG = EmbedImagesConfig.defaults().withBatchSize(4).withDecodeThreads(2);

  /** A crash after {@code batches} batches: the progress callback throws, as a kill would stop the loop. */
  private static ProgressListener crashAfter(int batches) {
    int[] seen = {0};
    return (stage, done, total) -> {
      if (done > 0 && ++seen[0] >= batches) {
        throw new IllegalStateException("simulated crash");
      }
    };
  }

  private static void assertSameFiles(Path a, Path b) throws IOException {
    List<String> namesA;
    try (Stream<Path> s = Files.list(a)) {
      namesA = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    try (Stream<Path> s = Files.list(b)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(namesA);
    }
    for (String n : namesA) {
      assertThat(Files.readAllBytes(b.resolve(n))).as(n).isEqualTo(Files.readAllBytes(a.resolve(n)));
    }
  }

  @Test
  void embedsAFolderRowForRowAsTheEncoderDoes(@TempDir Path dir) throws Exception {
    Path images = TestImages.folder(dir.resolve("photos"), 2, 5, 64, 48, 1);
    Path out = dir.resolve("cache");
    EmbedImagesResult r = new ImageEmbeddingJob(CONFIG).run(ImageCollection.open(images), encoder, out, false, false, ProgressListener.NONE);
    assertThat(r.embedded()).isEqualTo(10);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.embeddedThisRun()).isEqualTo(10);
    assertThat(r.batchesThisRun()).isEqualTo(3);
    assertThat(r.sessionNanos()).isPositive().isLessThan(r.wallNanos());
    assertThat(Files.exists(ImageEmbeddingJob.stagingDirectory(out))).isFalse();
    assertThat(Files.readString(out.resolve(ImageEmbeddingJob.SKIPPED))).isEmpty();
    try (DatasetStore.Stored s = DatasetStore.read(out)) {
      Dataset d = s.dataset();
      assertThat(d.classNames()).containsExactly("class_0", "class_1");
      assertThat(d.ids().get(0)).isEqualTo("class_0/img_000.png");
      assertThat(d.ids()).isSorted();
      assertThat(d.dim()).isEqualTo(24);
      assertThat(DatasetStore.encoder(out).sha256()).isEqualTo(encoder.identity().sha256());
      FloatMatrix all = d.embeddings().toMatrix();
      FloatMatrix alone = encoder.encodeFiles(List.of(images.resolve(d.ids().get(7))));
      for (int j = 0; j < 24; j++) {
        assertThat(all.get(7, j)).isCloseTo(alone.get(0, j), within(1e-5f));
      }
    }
  }

  @Test
  void skipsBrokenImagesWithReasonsWhileHeapStaysBounded(@TempDir Path dir) throws Exception {
    Path images = TestImages.folder(dir.resolve("photos"), 2, 3, 64, 48, 2);
    Files.write(images.resolve("class_0/empty.jpg"), new byte[0]);
    TestImages.truncatedJpeg(images.resolve("class_0/cut.jpg"), 320, 240, 3, 0.4);
    Files.writeString(images.resolve("class_1/readme.png"), "this is not a picture", StandardCharsets.UTF_8);
    TestImages.pngBomb(images.resolve("class_1/bomb.png"), 30_000, 30_000);
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    System.gc();
    long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    EmbedImagesResult r = new ImageEmbeddingJob(CONFIG).run(ImageCollection.open(images), encoder, dir.resolve("cache"), false, false,
        ProgressListener.NONE);
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    assertThat(r.embedded()).isEqualTo(6);
    assertThat(r.skipped()).extracting(SkippedImage::id)
        .containsExactly("class_0/cut.jpg", "class_0/empty.jpg", "class_1/bomb.png", "class_1/readme.png");
    assertThat(r.skipped().get(0).reason()).isIn(Reason.TRUNCATED, Reason.CORRUPT);
    assertThat(r.skipped().get(1).reason()).isEqualTo(Reason.EMPTY);
    assertThat(r.skipped().get(2).reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(r.skipped().get(2).message()).contains("30000 × 30000");
    assertThat(r.skipped().get(3).reason()).isEqualTo(Reason.NOT_AN_IMAGE);
    List<String> report = Files.readAllLines(dir.resolve("cache").resolve(ImageEmbeddingJob.SKIPPED));
    assertThat(report).hasSize(4);
    assertThat(report.get(2)).contains("\"reason\":\"TOO_LARGE\"").contains("bomb.png");
    // Decoding the bomb would need 2.7 GB; the whole run stays far below even one such buffer.
    assertThat(peak - before).isLessThan(256L << 20);
  }

  @Test
  void resumesAfterACrashWithoutRedoingFinishedBatchesAndGivesIdenticalBytes(@TempDir Path dir) throws Exception {
    Path images = TestImages.folder(dir.resolve("photos"), 3, 6, 40, 30, 3);
    Files.write(images.resolve("class_2/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    ImageCollection c = ImageCollection.open(images);
    Path whole = dir.resolve("whole");
    new ImageEmbeddingJob(CONFIG).run(c, encoder, whole, false, false, ProgressListener.NONE);

    Path out = dir.resolve("resumed");
    assertThatThrownBy(() -> new ImageEmbeddingJob(CONFIG).run(c, encoder, out, false, false, crashAfter(2)))
        .hasMessageContaining("simulated crash");
    Path staging = ImageEmbeddingJob.stagingDirectory(out);
    assertThat(Files.readAllLines(staging.resolve(EmbeddingStaging.JOURNAL))).hasSize(2);
    assertThat(Files.exists(out)).isFalse();
    // A kill in the middle of an append leaves a torn last line; it must be ignored.
    Files.writeString(staging.resolve(EmbeddingStaging.JOURNAL), "{\"batch\": 4, \"sk", StandardOpenOption.APPEND);

    EmbedImagesResult r = new ImageEmbeddingJob(CONFIG.withDecodeThreads(1)).run(ImageCollection.open(images), encoder, out, false, false,
        ProgressListener.NONE);
    assertThat(r.resumedItems()).isEqualTo(8);
    assertThat(r.embeddedThisRun()).isEqualTo(19 - 8 - 1);
    assertThat(r.batchesThisRun()).isEqualTo(5 - 2);
    assertThat(r.skipped()).extracting(SkippedImage::id).containsExactly("class_2/broken.png");
    assertThat(Files.exists(staging)).isFalse();
    assertSameFiles(whole, out);
  }

  @Test
  void refusesAStagingDirectoryMadeForOtherInputsUnlessRestarted(@TempDir Path dir) throws Exception {
    Path images = TestImages.folder(dir.resolve("photos"), 2, 4, 40, 30, 4);
    Path out = dir.resolve("cache");
    assertThatThrownBy(() -> new ImageEmbeddingJob(CONFIG).run(ImageCollection.open(images), encoder, out, false, false, crashAfter(1)))
        .hasMessageContaining("simulated crash");
    TestImages.write(images.resolve("class_1/new.png"), 40, 30, 99, "png");
    assertThatThrownBy(() -> new ImageEmbeddingJob(CONFIG).run(ImageCollection.open(images), encoder, out, false, false,
        ProgressListener.NONE))
        .hasMessageContaining("holds an interrupted run of another job")
        .hasMessageContaining("items was 8, now 9")
        .hasMessageContaining("--restart");
    assertThatThrownBy(() -> new ImageEmbeddingJob(CONFIG.withBatchSize(2)).run(ImageCollection.open(images), encoder, out, false, false,
        ProgressListener.NONE))
        .hasMessageContaining("batchSize was 4, now 2");
    EmbedImagesResult r = new ImageEmbeddingJob(CONFIG).run(ImageCollection.open(images), encoder, out, false, true, ProgressListener.NONE);
    assertThat(r.resumedItems()).isZero();
    assertThat(r.embedded()).isEqualTo(9);
  }

  @Test
  void keepsTheManifestsSplitsAndDrawsStratifiedOnesOtherwise(@TempDir Path dir) throws Exception {
    Path images = TestImages.folder(dir.resolve("photos"), 2, 10, 32, 32, 5);
    Path manifest = dir.resolve("m.csv");
    StringBuilder sb = new StringBuilder("path,label,split\n");
    for (int i = 0; i < 10; i++) {
      String f = String.format("photos/class_0/%simg_%03d.%s", i % 3 == 2 ? "more/" : "", i, new String[] {"png", "jpg", "bmp"}[i % 3]);
      sb.append(f).append(",zero,").append(i < 6 ? "train" : i < 8 ? "val" : "test").append('\n');
    }
    Files.writeString(manifest, sb.toString());
    new ImageEmbeddingJob(CONFIG).run(ImageCollection.open(manifest), encoder, dir.resolve("m"), false, false, ProgressListener.NONE);
    try (DatasetStore.Stored s = DatasetStore.read(dir.resolve("m"))) {
      assertThat(s.dataset().indices(Split.TEST)).hasSize(2);
      assertThat(s.dataset().indices(Split.VALIDATION)).hasSize(2);
      assertThat(s.dataset().metadata().get("splits")).isEqualTo("given by the manifest");
    }
    new ImageEmbeddingJob(CONFIG.withFractions(0.2, 0.3).withSeed(7)).run(ImageCollection.open(images), encoder, dir.resolve("f"), false,
        false, ProgressListener.NONE);
    try (DatasetStore.Stored s = DatasetStore.read(dir.resolve("f"))) {
      Dataset d = s.dataset();
      assertThat(d.countsPerClass()).allSatisfy(counts -> assertThat(counts).containsExactly(5, 2, 3));
      assertThat(d.splits()).isEqualTo(dev.glassbox.data.Splits.stratified(d.labels(), 2, 0.2, 0.3, 7));
    }
  }

  @Test
  void failsClearlyWhenNoImageCanBeEmbedded(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("bad");
    Files.createDirectories(root.resolve("a"));
    Files.write(root.resolve("a/x.png"), new byte[0]);
    assertThatThrownBy(() -> new ImageEmbeddingJob(CONFIG).run(ImageCollection.open(root), encoder, dir.resolve("o"), false, false,
        ProgressListener.NONE))
        .hasMessageContaining("none of the 1 images").hasMessageContaining("EMPTY");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted().toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  @Test
  void aRunKilledAfterItsFinalRenameIsRecognisedAsCompleteAndItsStagingRemoved(@TempDir Path dir) throws Exception {
    Path images = TestImages.folder(dir.resolve("photos"), 2, 5, 40, 30, 6);
    Files.write(images.resolve("class_1/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    ImageCollection c = ImageCollection.open(images);
    Path out = dir.resolve("cache");
    Path staging = ImageEmbeddingJob.stagingDirectory(out);
    // 11 items in batches of 4: a crash after the third batch leaves every batch in the journal.
    assertThatThrownBy(() -> new ImageEmbeddingJob(CONFIG).run(c, encoder, out, false, false, crashAfter(3)))
        .hasMessageContaining("simulated crash");
    Path leftover = dir.resolve("leftover");
    copyTree(staging, leftover);
    EmbedImagesResult first = new ImageEmbeddingJob(CONFIG).run(c, encoder, out, false, false, ProgressListener.NONE);
    assertThat(Files.exists(staging)).isFalse();
    Path finished = dir.resolve("finished");
    copyTree(out, finished);
    // What a kill between the final rename and the staging directory's removal leaves behind.
    copyTree(leftover, staging);

    EmbedImagesResult r = new ImageEmbeddingJob(CONFIG).run(ImageCollection.open(images), encoder, out, false, false,
        ProgressListener.NONE);
    assertThat(r.alreadyComplete()).isTrue();
    assertThat(r.embeddedThisRun()).isZero();
    assertThat(r.batchesThisRun()).isZero();
    assertThat(r.sessionNanos()).isZero();
    assertThat(r.items()).isEqualTo(11);
    assertThat(r.resumedItems()).isEqualTo(11);
    assertThat(r.embedded()).isEqualTo(10);
    assertThat(r.skipped()).extracting(SkippedImage::id).containsExactly("class_1/broken.png");
    assertThat(r.skipped()).isEqualTo(first.skipped());
    assertThat(r.classesWithoutItems()).isEmpty();
    assertThat(Files.exists(staging)).as("the leftover staging directory is removed").isFalse();
    assertSameFiles(finished, out);
  }

  @Test
  void aFinishedCacheBesideAStagingDirectoryOfAnotherJobIsStillRefused(@TempDir Path dir) throws Exception {
    Path images = TestImages.folder(dir.resolve("photos"), 2, 3, 40, 30, 7);
    ImageCollection c = ImageCollection.open(images);
    Path out = dir.resolve("cache");
    Path staging = ImageEmbeddingJob.stagingDirectory(out);
    assertThatThrownBy(() -> new ImageEmbeddingJob(CONFIG).run(c, encoder, out, false, false, crashAfter(2)))
        .hasMessageContaining("simulated crash");
    Path leftover = dir.resolve("leftover");
    copyTree(staging, leftover);
    new ImageEmbeddingJob(CONFIG).run(c, encoder, out, false, false, ProgressListener.NONE);
    copyTree(leftover, staging);
    // Another job now: one more image, so neither the cache nor the staging directory was made for it.
    TestImages.write(images.resolve("class_0/new.png"), 40, 30, 70, "png");
    assertThatThrownBy(() -> new ImageEmbeddingJob(CONFIG).run(ImageCollection.open(images), encoder, out, false, false,
        ProgressListener.NONE))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class)
        .hasMessageContaining("already exists");
    assertThat(Files.exists(staging.resolve(EmbeddingStaging.STATE))).as("another job's staging directory is left alone").isTrue();
    // With --force semantics the job runs again, resuming nothing of the other job (its key differs).
    EmbedImagesResult r = new ImageEmbeddingJob(CONFIG).run(ImageCollection.open(images), encoder, out, true, true, ProgressListener.NONE);
    assertThat(r.alreadyComplete()).isFalse();
    assertThat(r.embedded()).isEqualTo(7);
    assertThat(Files.exists(staging)).isFalse();
  }
}
