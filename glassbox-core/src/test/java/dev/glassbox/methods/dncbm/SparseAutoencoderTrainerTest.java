package dev.glassbox.methods.dncbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.bottleneck.SparseAutoencoderBottleneck;
import dev.glassbox.data.Split;
import dev.glassbox.math.AdamUpdate;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import dev.glassbox.testing.Rand;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseAutoencoderTrainerTest {
  /**
   * {@code glassbox synth} data whose items are sparse non-negative mixtures of 32 directions in
   * 64-d with varied supports: 40 classes share the 32 concepts (2–4 each), each shown with
   * probability 0.6, plus 5% distractors, default noise (norm 0.9) and modality gap. Varied supports
   * make the directions identifiable; with synth's default of few classes whose concepts nearly
   * always appear together, an L1 dictionary learns class prototypes instead.
   */
  static SynthData data(long seed) {
    return SynthGenerator.generate(new SynthConfig(40, 32, 8000, 64, seed, 2, 4, 0.6, 0.05, 0.9, 1.0, 0.1, 0.15, 0.15));
  }

  /** README profile (expansion 8) with λ, learning rate, batch and epochs tuned to this small world. */
  static SaeConfig config() {
    return SaeConfig.defaults().withL1(0.1).withLearningRate(3e-3).withBatchSize(256).withEpochs(100);
  }

  /** The share of the true directions that some atom matches with cosine ≥ 0.9. */
  static double recovered(FloatMatrix directions, SparseAutoencoderBottleneck sae) {
    FloatMatrix cos = Kernels.multiplyTransposed(directions, Matrices.normalizeRows(sae.decoder()));
    int hit = 0;
    for (int j = 0; j < cos.rows(); j++) {
      float best = -1;
      for (int a = 0; a < cos.cols(); a++) {
        best = Math.max(best, cos.get(j, a));
      }
      if (best >= 0.9f) {
        hit++;
      }
    }
    return (double) hit / cos.rows();
  }

  @Test
  void recoversAtLeastEightyPercentOfTrueConceptDirections() {
    for (long seed : new long[] {3, 4}) {
      SynthData sd = data(seed);
      FloatMatrix x = sd.dataset().embeddingsOf(sd.dataset().indices(Split.TRAIN));
      SparseAutoencoderTrainer.SaeFit fit = new SparseAutoencoderTrainer(config()).fit(x, 1, ProgressListener.NONE);
      double share = recovered(sd.directions(), fit.bottleneck());
      System.out.printf("SAE recovery on synth seed %d: %.3f of %d directions at cosine ≥ 0.9; final loss %.4f, converged %s%n",
          seed, share, sd.directions().rows(), fit.curve().finalLoss(), fit.curve().converged());
      assertThat(share).as("seed %d", seed).isGreaterThanOrEqualTo(0.8);
      assertThat(fit.curve().converged()).isTrue();
      SaeDiagnostics held = SaeDiagnostics.measure(fit.bottleneck(), sd.dataset().embeddingsOf(sd.dataset().indices(Split.VALIDATION)));
      assertThat(held.r2()).isGreaterThan(0.5);
    }
  }

  @Test
  void sameDataConfigAndSeedGiveBitIdenticalWeights() {
    FloatMatrix x = Rand.gaussian(600, 16, 5);
    SaeConfig c = SaeConfig.defaults().withL1(0.05).withBatchSize(128).withEpochs(12).withResampleEvery(3);
    SparseAutoencoderBottleneck a = new SparseAutoencoderTrainer(c).fit(x, 9, ProgressListener.NONE).bottleneck();
    SparseAutoencoderBottleneck b = new SparseAutoencoderTrainer(c).fit(x, 9, ProgressListener.NONE).bottleneck();
    SparseAutoencoderBottleneck other = new SparseAutoencoderTrainer(c).fit(x, 10, ProgressListener.NONE).bottleneck();
    assertThat(a.tensors()).isEqualTo(b.tensors());
    assertThat(a.encoder()).isNotEqualTo(other.encoder());
  }

  @Test
  void resamplingRevivesDeadAtomsFromHighLossInputs() {
    int d = 8;
    int m = 32;
    FloatMatrix x = Rand.gaussian(400, d, 6);
    SaeConfig c = SaeConfig.defaults().withL1(0.01).withResampleSize(300);
    SaeTrainingStep st = new SaeTrainingStep(d, m, 64, c.l1(), AdamUpdate.of(1e-3), new SplittableRandom(7));
    int[] killed = {3, 10, 11, 30};
    for (int j : killed) {
      st.be[j] = -1e6f;
      st.mWe[j * d] = 5f;
      st.mBe[j] = 5f;
    }
    SaeDiagnostics before = SaeDiagnostics.measure(st.bottleneck(), x);
    for (int j : killed) {
      assertThat(before.firing()[j]).isZero();
    }
    double[] collated = new double[m];
    for (int j = 0; j < m; j++) {
      collated[j] = before.firing()[j];
    }
    int revived = new SparseAutoencoderTrainer(c).resample(st, x, collated, x.rows(), new SplittableRandom(8));
    int deadBefore = (int) Math.round(before.deadShare() * m);
    assertThat(revived).isEqualTo(deadBefore).isGreaterThanOrEqualTo(killed.length);

    SaeDiagnostics after = SaeDiagnostics.measure(st.bottleneck(), x);
    assertThat(after.deadShare()).isZero();
    float[] norms = Matrices.rowNorms(FloatMatrix.wrap(m, d, st.dec));
    for (int j : killed) {
      assertThat(after.firing()[j]).isPositive();
      assertThat(st.be[j]).isZero();
      assertThat(norms[j]).isCloseTo(1f, offset(1e-5f));
      assertThat(st.mWe[j * d]).isZero();
      assertThat(st.mBe[j]).isZero();
      // The decoder atom is a training input's direction and the encoder row is parallel to it.
      float[] atom = java.util.Arrays.copyOfRange(st.dec, j * d, (j + 1) * d);
      float[] enc = java.util.Arrays.copyOfRange(st.we, j * d, (j + 1) * d);
      assertThat(Kernels.dot(d, atom, 0, enc, 0) / (norms[j] * Matrices.rowNorms(FloatMatrix.wrap(1, d, enc))[0]))
          .isCloseTo(1f, offset(1e-5f));
      assertThat(bestCosineWithRows(atom, x)).isCloseTo(1f, offset(1e-5f));
    }
  }

  static float bestCosineWithRows(float[] v, FloatMatrix x) {
    FloatMatrix c = Kernels.multiplyTransposed(Matrices.normalizeRows(FloatMatrix.wrap(1, v.length, v)), Matrices.normalizeRows(x));
    float best = -1;
    for (float f : c.data()) {
      best = Math.max(best, f);
    }
    return best;
  }

  @Test
  void trainingWithResamplingEndsWithFewerDeadAtomsThanWithout() {
    // A large λ kills many atoms early; resampling keeps re-seeding them.
    FloatMatrix x = Rand.gaussian(1024, 16, 13);
    SaeConfig c = SaeConfig.defaults().withL1(2).withLearningRate(3e-2).withBatchSize(256).withEpochs(40).withResampleEvery(5);
    SparseAutoencoderTrainer.SaeFit with = new SparseAutoencoderTrainer(c).fit(x, 2, ProgressListener.NONE);
    SparseAutoencoderTrainer.SaeFit without = new SparseAutoencoderTrainer(c.withResample(false)).fit(x, 2, ProgressListener.NONE);
    assertThat(with.totalResampled()).isPositive();
    assertThat(without.resampled()).isEmpty();
    // Resampling is scheduled as the reference does: every 5 epochs while epoch + 5 < 39.
    assertThat(with.resampled()).hasSize(6);
    double deadWith = SaeDiagnostics.measure(with.bottleneck(), x).deadShare();
    double deadWithout = SaeDiagnostics.measure(without.bottleneck(), x).deadShare();
    System.out.printf("dead share with resampling %.3f, without %.3f (resampled %s)%n", deadWith, deadWithout, with.resampled());
    assertThat(deadWithout).isGreaterThan(0.1);
    assertThat(deadWith).isLessThan(deadWithout / 2);
  }

  @Test
  void rejectsNonFiniteEmbeddings() {
    FloatMatrix x = Rand.gaussian(10, 4, 1);
    x.set(7, 2, Float.NaN);
    assertThatThrownBy(() -> new SparseAutoencoderTrainer(SaeConfig.defaults()).fit(x, 1, ProgressListener.NONE))
        .hasMessage("training embedding 7 holds a non-finite value at dimension 2");
  }

  @Test
  void rejectsBadSettingsNamingThem() {
    assertThatThrownBy(() -> SaeConfig.defaults().withExpansion(0)).hasMessage("sparse autoencoder expansion must be ≥ 1, got 0");
    assertThatThrownBy(() -> SaeConfig.defaults().withL1(-1)).hasMessage("sparse autoencoder l1 must be ≥ 0, got -1.0");
    assertThatThrownBy(() -> SaeConfig.defaults().withDeadThreshold(1)).hasMessage("sparse autoencoder deadThreshold must be in [0, 1), got 1.0");
  }
}
