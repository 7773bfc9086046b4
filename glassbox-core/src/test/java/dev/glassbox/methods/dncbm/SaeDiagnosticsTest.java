package dev.glassbox.methods.dncbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.bottleneck.SparseAutoencoderBottleneck;
import dev.glassbox.math.FloatMatrix;
import org.junit.jupiter.api.Test;

class SaeDiagnosticsTest {
  /** Atoms ±e1, ±e2 with matching encoder rows: a ReLU pair per axis reconstructs any 2-d input exactly. */
  static SparseAutoencoderBottleneck axes(boolean withSecondAxis) {
    float s = withSecondAxis ? 1f : 0f;
    FloatMatrix enc = FloatMatrix.of(new float[][] {{1, 0}, {-1, 0}, {0, s}, {0, -s}});
    FloatMatrix dec = FloatMatrix.of(new float[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}});
    return new SparseAutoencoderBottleneck(enc, new float[4], dec, new float[2]);
  }

  static final FloatMatrix X = FloatMatrix.of(new float[][] {{1, 2}, {-3, 1}, {0.5f, 4}, {2, 1}});

  @Test
  void exactReconstructionHasR2OneAndCountsAtomsThatNeverFire() {
    SaeDiagnostics d = SaeDiagnostics.measure(axes(true), X);
    assertThat(d.r2()).isCloseTo(1.0, offset(1e-9));
    // x2 is always positive, so the −e2 atom never fires: 1 of 4 atoms dead.
    assertThat(d.firing()).containsExactly(3, 1, 4, 0);
    assertThat(d.deadShare()).isEqualTo(0.25);
    assertThat(d.meanActive()).isEqualTo(2.0);
    assertThat(d.items()).isEqualTo(4);
  }

  @Test
  void r2IsOneMinusSseOverSstAboutTheMean() {
    // Without the second axis x̂ = (x1, 0): SSE = Σ x2² = 4 + 1 + 16 + 1 = 22; x2's mean is 2, SST = Σ(x − x̄)².
    SaeDiagnostics d = SaeDiagnostics.measure(axes(false), X);
    double mean1 = (1 - 3 + 0.5 + 2) / 4.0;
    double sst = 0;
    for (int i = 0; i < 4; i++) {
      sst += Math.pow(X.get(i, 0) - mean1, 2) + Math.pow(X.get(i, 1) - 2, 2);
    }
    assertThat(d.r2()).isCloseTo(1 - 22 / sst, offset(1e-6));
    assertThat(d.deadShare()).isEqualTo(0.5);
  }

  @Test
  void constantInputsHaveNoR2() {
    FloatMatrix same = FloatMatrix.of(new float[][] {{1, 1}, {1, 1}});
    assertThat(SaeDiagnostics.measure(axes(true), same).r2()).isNaN();
  }
}
