package dev.glassbox.deep.align;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.glassbox.encode.convnet.ConvNet;
import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.math.FloatMatrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The plain-Java forward pass of the folded network matches DJL's forward pass in inference mode. */
@Tag("heavy")
class ConvNetParityTest {

  private static void randomize(NDArray a, SplittableRandom rnd, double lo, double hi) {
    float[] v = new float[(int) a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
    }
    a.set(v);
  }

  @Test
  void javaForwardOfFoldedWeightsMatchesDjlInferenceForward() {
    ConvNetSpec spec = new ConvNetSpec(40, new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.25f, 0.2f, 0.3f},
        List.of(new ConvNetSpec.Stage(8, 3, 2), new ConvNetSpec.Stage(12, 3, 1), new ConvNetSpec.Stage(16, 5, 2),
            new ConvNetSpec.Stage(10, 1, 1), new ConvNetSpec.Stage(24, 3, 2)),
        20);
    SplittableRandom rnd = new SplittableRandom(42);
    int n = 5;
    int len = 3 * 40 * 40;
    byte[] pixels = new byte[n * len];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) rnd.nextInt(256);
    }
    float[] input = new float[n * len];
    for (int i = 0; i < n; i++) {
      ConvNet.normalize(pixels, i * len, spec, input, i * len);
    }
    try (NDManager m = Engine.getInstance().newBaseManager();
        TrainableConvNet net = new TrainableConvNet(m, spec, new SplittableRandom(7), 0.1, 1e-5)) {
      for (int i = 0; i < spec.stages().size(); i++) {
        randomize(net.gammas.get(i), rnd, 0.5, 1.5);
        randomize(net.betas.get(i), rnd, -0.3, 0.3);
        randomize(net.runningMeans.get(i), rnd, -0.5, 0.5);
        randomize(net.runningVars.get(i), rnd, 0.2, 2.0);
      }
      randomize(net.projBias, rnd, -0.1, 0.1);
      float[] djl = net.embed(input, n, 2);
      FloatMatrix java = net.fold().forward(input, n);
      float maxDiff = 0;
      for (int i = 0; i < djl.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(djl[i] - java.data()[i]));
      }
      assertThat(maxDiff).isLessThan(1e-4f);
      for (int i = 0; i < n; i++) {
        double norm = 0;
        for (int j = 0; j < 20; j++) {
          norm += java.get(i, j) * java.get(i, j);
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
      }
    }
  }

  @Test
  void trainingModeUpdatesBatchNormRunningStatisticsInPlace() {
    ConvNetSpec spec = new ConvNetSpec(16, new float[] {0, 0, 0}, new float[] {1, 1, 1}, ConvNetSpec.strided(4), 3);
    try (NDManager m = Engine.getInstance().newBaseManager();
        TrainableConvNet net = new TrainableConvNet(m, spec, new SplittableRandom(1), 0.5, 1e-5)) {
      float[] x = new float[2 * 3 * 16 * 16];
      java.util.Arrays.fill(x, 2f);
      try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
        scope.suppressNotUsedWarning();
        net.forward(m.create(x, new ai.djl.ndarray.types.Shape(2, 3, 16, 16)), true);
      }
      float[] mean = net.runningMeans.get(0).toFloatArray();
      // momentum 0.5: running mean = 0.5·0 + 0.5·(batch mean of the convolution), non-zero for a constant input.
      assertThat(mean).isNotEqualTo(new float[4]);
      try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
        scope.suppressNotUsedWarning();
        net.forward(m.create(x, new ai.djl.ndarray.types.Shape(2, 3, 16, 16)), false);
      }
      assertThat(net.runningMeans.get(0).toFloatArray()).containsExactly(mean);
    }
  }
}
