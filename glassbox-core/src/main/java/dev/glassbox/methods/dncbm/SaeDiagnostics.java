package dev.glassbox.methods.dncbm;

import dev.glassbox.bottleneck.SparseAutoencoderBottleneck;
import dev.glassbox.math.RowSource;

/**
 * How well a sparse autoencoder describes a set of embeddings.
 *
 * @param items the rows measured
 * @param r2 reconstruction R² = 1 − SSE/SST, with SSE = Σ‖x − x̂‖² and SST = Σ‖x − x̄‖² about the
 *     rows' own mean x̄ (NaN when SST is 0)
 * @param deadShare the share of atoms that are zero on every row
 * @param meanActive the mean number of positive codes per row (L0)
 * @param firing rows on which each atom is positive
 */
public record SaeDiagnostics(int items, double r2, double deadShare, double meanActive, long[] firing) {

  /** Measures {@code sae} on every row of {@code x}, in blocks. */
  public static SaeDiagnostics measure(SparseAutoencoderBottleneck sae, RowSource x) {
    int n = x.rows();
    int d = x.cols();
    int m = sae.numConcepts();
    if (d != sae.inputDim()) {
      throw new IllegalArgumentException("embeddings are " + d + "-d but the sparse autoencoder reads " + sae.inputDim() + "-d");
    }
    int block = Math.max(1, Math.min(Math.max(n, 1), (1 << 22) / Math.max(m, d)));
    float[] in = new float[block * d];
    double[] mean = new double[d];
    for (int s = 0; s < n; s += block) {
      int b = Math.min(block, n - s);
      x.readRows(s, b, in, 0);
      for (int i = 0; i < b * d; i++) {
        mean[i % d] += in[i];
      }
    }
    for (int p = 0; p < d; p++) {
      mean[p] /= Math.max(1, n);
    }
    float[] codes = new float[block * m];
    float[] recon = new float[block * d];
    long[] firing = new long[m];
    double sse = 0;
    double sst = 0;
    long active = 0;
    for (int s = 0; s < n; s += block) {
      int b = Math.min(block, n - s);
      x.readRows(s, b, in, 0);
      sae.activate(in, b, codes);
      sae.decode(codes, b, recon);
      for (int i = 0; i < b * d; i++) {
        double e = in[i] - recon[i];
        double c = in[i] - mean[i % d];
        sse += e * e;
        sst += c * c;
      }
      for (int r = 0; r < b; r++) {
        for (int j = 0; j < m; j++) {
          if (codes[r * m + j] > 0f) {
            firing[j]++;
            active++;
          }
        }
      }
    }
    int dead = 0;
    for (long f : firing) {
      if (f == 0) {
        dead++;
      }
    }
    return new SaeDiagnostics(n, sst > 0 ? 1 - sse / sst : Double.NaN, (double) dead / m, n == 0 ? 0 : (double) active / n, firing);
  }
}
