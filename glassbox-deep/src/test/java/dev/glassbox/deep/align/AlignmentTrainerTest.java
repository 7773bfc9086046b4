package dev.glassbox.deep.align;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The trainer on a tiny synthetic problem: 32 × 32 images with a square of one of six colours on a
 * noisy background; the caption of an image is its colour's (random) text embedding.
 */
@Tag("heavy")
class AlignmentTrainerTest {
  static final int SIZE = 32;
  static final int COLOURS = 6;
  static final int[][] RGB = {{220, 30, 30}, {30, 200, 40}, {40, 60, 220}, {230, 220, 40}, {240, 240, 240}, {20, 20, 20}};

  static ConvNetSpec spec() {
    return new ConvNetSpec(SIZE, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f},
        List.of(new ConvNetSpec.Stage(8, 3, 2), new ConvNetSpec.Stage(16, 3, 2), new ConvNetSpec.Stage(16, 3, 2)), 16);
  }

  static FloatMatrix captionTable(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    FloatMatrix t = FloatMatrix.zeros(COLOURS, 16);
    for (int i = 0; i < t.data().length; i++) {
      t.data()[i] = (float) rnd.nextGaussian();
    }
    return t;
  }

  static AlignmentData data(int n, long seed, FloatMatrix table) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<byte[]> images = new ArrayList<>();
    int[][] captions = new int[n][];
    int plane = SIZE * SIZE;
    for (int i = 0; i < n; i++) {
      int colour = i % COLOURS;
      byte[] img = new byte[3 * plane];
      for (int p = 0; p < 3 * plane; p++) {
        img[p] = (byte) (100 + rnd.nextInt(40));
      }
      int side = 8 + rnd.nextInt(8);
      int x0 = rnd.nextInt(SIZE - side);
      int y0 = rnd.nextInt(SIZE - side);
      for (int y = y0; y < y0 + side; y++) {
        for (int x = x0; x < x0 + side; x++) {
          for (int c = 0; c < 3; c++) {
            img[c * plane + y * SIZE + x] = (byte) RGB[colour][c];
          }
        }
      }
      images.add(img);
      captions[i] = new int[] {colour};
    }
    return new AlignmentData(images, SIZE, captions, table);
  }

  static AlignmentConfig config() {
    return AlignmentConfig.defaults().withEpochs(6).withBatchSize(32).withLearningRate(3e-3).withAugmentation(2, 0.05, 0.05)
        .withSeed(11);
  }

  @Test
  void lossFallsAndHeldOutRetrievalRisesOnATinyProblem() {
    FloatMatrix table = captionTable(3);
    AlignmentModel model = new AlignmentTrainer(config()).fit(spec(), data(384, 1, table), data(96, 2, table), AlignmentMonitor.NONE);
    List<EpochReport> log = model.log();
    assertThat(log).hasSize(6);
    assertThat(log.get(5).trainLoss()).isLessThan(log.get(0).trainLoss() * 0.8);
    assertThat(log.get(5).heldOutLoss()).isLessThan(log.get(0).heldOutLoss());
    assertThat(log.get(5).imageToText()).isGreaterThan(0.9);
    assertThat(log.get(5).textToImage()).isGreaterThan(0.9);
    assertThat(model.trainImages()).isEqualTo(384);
    assertThat(model.heldOutImages()).isEqualTo(96);
    assertThat(model.captions()).isEqualTo(COLOURS);
    assertThat(model.logitScale()).isGreaterThan(1).isLessThanOrEqualTo(100);
    // The folded network, run in plain Java, retrieves as well as the trainer measured.
    AlignmentData held = data(96, 2, table);
    FloatMatrix emb = model.network().encode(toImages(held));
    int right = 0;
    for (int i = 0; i < held.numImages(); i++) {
      int best = -1;
      double bestSim = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < COLOURS; c++) {
        double s = 0;
        double norm = 0;
        for (int j = 0; j < 16; j++) {
          s += emb.get(i, j) * table.get(c, j);
          norm += table.get(c, j) * table.get(c, j);
        }
        s /= Math.sqrt(norm);
        if (s > bestSim) {
          bestSim = s;
          best = c;
        }
      }
      if (best == held.captions()[i][0]) {
        right++;
      }
    }
    assertThat(right / 96.0).isGreaterThan(0.9);
  }

  @Test
  void theSameConfigDataAndSeedGiveTheSameWeights() {
    FloatMatrix table = captionTable(3);
    AlignmentConfig cfg = config().withEpochs(2);
    AlignmentModel a = new AlignmentTrainer(cfg).fit(spec(), data(96, 1, table), null, null);
    AlignmentModel b = new AlignmentTrainer(cfg).fit(spec(), data(96, 1, table), null, null);
    AlignmentModel c = new AlignmentTrainer(cfg.withSeed(12)).fit(spec(), data(96, 1, table), null, null);
    for (Map.Entry<String, Tensor> e : a.network().tensors().entrySet()) {
      assertThat(b.network().tensors().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(c.network().tensors().get(ConvNetSpec.convWeight(0))).isNotEqualTo(a.network().tensors().get(ConvNetSpec.convWeight(0)));
    assertThat(a.dataFingerprint()).isEqualTo(b.dataFingerprint()).hasSize(64);
    assertThat(a.log().get(1).heldOutLoss()).isNaN();
  }

  static List<java.awt.image.BufferedImage> toImages(AlignmentData d) {
    List<java.awt.image.BufferedImage> out = new ArrayList<>();
    int plane = SIZE * SIZE;
    for (byte[] px : d.images()) {
      java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(SIZE, SIZE, java.awt.image.BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          int p = y * SIZE + x;
          img.setRGB(x, y, ((px[p] & 0xFF) << 16) | ((px[plane + p] & 0xFF) << 8) | (px[2 * plane + p] & 0xFF));
        }
      }
      out.add(img);
    }
    return out;
  }

  @Test
  void aLearnedTemperatureStaysWithinItsClamp() {
    FloatMatrix table = captionTable(3);
    AlignmentConfig cfg = config().withEpochs(2).withLearningRate(5e-2).withTemperature(1 / 14.0, true).withMaxLogitScale(15);
    AlignmentModel m = new AlignmentTrainer(cfg).fit(spec(), data(96, 1, table), null, null);
    for (EpochReport r : m.log()) {
      assertThat(r.logitScale()).isBetween(1.0, 15.0 + 1e-3);
    }
    AlignmentModel fixed = new AlignmentTrainer(config().withEpochs(1).withTemperature(0.1, false)).fit(spec(), data(96, 1, table), null, null);
    assertThat(fixed.logitScale()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-4));
  }
}
