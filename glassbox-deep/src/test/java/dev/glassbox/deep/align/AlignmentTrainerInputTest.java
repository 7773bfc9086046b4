package dev.glassbox.deep.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.encode.convnet.ConvNet;
import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.math.FloatMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The trainer's data handling that needs no engine: targets, batches, validation. */
class AlignmentTrainerInputTest {
  static ConvNetSpec spec(int size, int dim) {
    return new ConvNetSpec(size, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, ConvNetSpec.strided(4, 8), dim);
  }

  static AlignmentData data(int n, int size, int captions, int dim) {
    List<byte[]> images = new ArrayList<>();
    int[][] caps = new int[n][];
    for (int i = 0; i < n; i++) {
      images.add(new byte[3 * size * size]);
      caps[i] = new int[] {i % captions};
    }
    return new AlignmentData(images, size, caps, FloatMatrix.zeros(captions, dim));
  }

  @Test
  void aCaptionIsAPositiveForEveryImageOfTheBatchItDescribes() {
    // Image 0 is described by captions 5 and 7, image 1 by 7, image 2 by 9. Drawn: 5, 7, 9.
    int[][] captions = {{5, 7}, {7}, {9}};
    float[][] y = AlignmentTrainer.targets(captions, new int[] {0, 1, 2}, new int[] {5, 7, 9});
    float[] rows = y[0];
    float[] cols = y[1];
    // Row 0: captions 5 and 7 both describe image 0.
    assertThat(rows).containsExactly(0.5f, 0.5f, 0f, 0f, 1f, 0f, 0f, 0f, 1f);
    // Column 1 (caption 7) describes images 0 and 1.
    assertThat(cols).containsExactly(1f, 0.5f, 0f, 0f, 0.5f, 0f, 0f, 0f, 1f);
  }

  @Test
  void targetRowsAndColumnsAreDistributionsOnRandomBatches() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 40;
    int[][] captions = new int[n][];
    for (int i = 0; i < n; i++) {
      captions[i] = r.ints(1 + r.nextInt(4), 0, 12).sorted().distinct().toArray();
    }
    int k = 16;
    int[] images = r.ints(k, 0, n).toArray();
    int[] caps = new int[k];
    for (int i = 0; i < k; i++) {
      caps[i] = captions[images[i]][r.nextInt(captions[images[i]].length)];
    }
    float[][] y = AlignmentTrainer.targets(captions, images, caps);
    for (int i = 0; i < k; i++) {
      double row = 0;
      double col = 0;
      for (int j = 0; j < k; j++) {
        row += y[0][i * k + j];
        col += y[1][j * k + i];
      }
      assertThat(row).isCloseTo(1.0, Offset.offset(1e-6));
      assertThat(col).isCloseTo(1.0, Offset.offset(1e-6));
      assertThat(y[0][i * k + i]).isPositive();
    }
  }

  @Test
  void withoutAugmentationABatchImageIsTheNormalisedImage() {
    ConvNetSpec spec = spec(16, 4);
    byte[] img = new byte[3 * 256];
    new SplittableRandom(1).nextBytes(img);
    float[] expected = new float[3 * 256];
    ConvNet.normalize(img, 0, spec, expected, 0);
    float[] out = new float[3 * 256];
    new BatchBuilder(spec, AlignmentConfig.defaults().withAugment(false)).put(img, 42, out, 0);
    assertThat(out).containsExactly(expected);
  }

  @Test
  void augmentationIsASeededFlipAndShiftWithMildJitter() {
    ConvNetSpec spec = spec(16, 4);
    int s = 16;
    int plane = s * s;
    byte[] img = new byte[3 * plane];
    new SplittableRandom(1).nextBytes(img);
    BatchBuilder b = new BatchBuilder(spec, AlignmentConfig.defaults().withAugmentation(0, 0, 0));
    float[] plain = new float[3 * plane];
    ConvNet.normalize(img, 0, spec, plain, 0);
    // No shift and no jitter: each seed gives either the image or its mirror image.
    int flips = 0;
    for (long seed = 0; seed < 20; seed++) {
      float[] out = new float[3 * plane];
      b.put(img, seed, out, 0);
      boolean mirrored = Math.abs(out[0] - plain[s - 1]) < 1e-5f && Math.abs(out[s] - plain[2 * s - 1]) < 1e-5f;
      if (mirrored) {
        flips++;
        for (int c = 0; c < 3; c++) {
          for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
              assertThat(out[c * plane + y * s + x]).isCloseTo(plain[c * plane + y * s + s - 1 - x], Offset.offset(1e-5f));
            }
          }
        }
      } else {
        for (int i = 0; i < out.length; i++) {
          assertThat(out[i]).isCloseTo(plain[i], Offset.offset(1e-5f));
        }
      }
    }
    assertThat(flips).isBetween(3, 17);
    BatchBuilder full = new BatchBuilder(spec, AlignmentConfig.defaults());
    float[] a1 = new float[3 * plane];
    float[] a2 = new float[3 * plane];
    full.put(img, 7, a1, 0);
    full.put(img, 7, a2, 0);
    assertThat(a1).containsExactly(a2);
  }

  @Test
  void dataThatDoNotFitTheNetworkAreRefusedBeforeTraining() {
    AlignmentTrainer t = new AlignmentTrainer(AlignmentConfig.defaults().withBatchSize(4));
    assertThatThrownBy(() -> t.fit(spec(32, 4), data(8, 16, 3, 4), null, null))
        .hasMessage("the training images are 16 × 16 but the network takes 32 × 32; render or resize them to the network's input size");
    assertThatThrownBy(() -> t.fit(spec(16, 6), data(8, 16, 3, 4), null, null))
        .hasMessage("the training caption embeddings are 4-d but the network gives 6-d; set the network's embeddingDim to the text tower's dimension");
    assertThatThrownBy(() -> t.fit(spec(16, 4), data(3, 16, 3, 4), null, null))
        .hasMessage("the training data have 3 images, fewer than one batch of 4; lower batchSize or add images");
    assertThatThrownBy(() -> t.fit(spec(16, 4), data(8, 16, 3, 4), data(1, 16, 1, 4), null))
        .hasMessage("held-out data need at least 2 images for retrieval, got 1");
  }

  @Test
  void alignmentDataRefuseMismatchedOrDanglingCaptions() {
    List<byte[]> one = List.of(new byte[3 * 4]);
    assertThatThrownBy(() -> new AlignmentData(one, 2, new int[][] {{0}, {0}}, FloatMatrix.zeros(1, 3)))
        .hasMessage("alignment data has 1 images but 2 caption lists; give one list per image");
    assertThatThrownBy(() -> new AlignmentData(one, 2, new int[][] {{3}}, FloatMatrix.zeros(1, 3)))
        .hasMessage("image 0 names caption 3 but there are 1 caption embeddings");
    assertThatThrownBy(() -> new AlignmentData(one, 2, new int[][] {{}}, FloatMatrix.zeros(1, 3)))
        .hasMessage("image 0 has no caption; every image needs at least one");
    assertThatThrownBy(() -> new AlignmentData(List.of(new byte[5]), 2, new int[][] {{0}}, FloatMatrix.zeros(1, 3)))
        .hasMessage("image 0 has 5 bytes; a 2 × 2 RGB image has 12");
  }
}
