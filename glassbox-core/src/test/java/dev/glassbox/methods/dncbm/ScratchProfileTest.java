package dev.glassbox.methods.dncbm;

import dev.glassbox.math.AdamUpdate;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.SaeKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScratchProfileTest {
  @Test
  void profile() {
    int d = Integer.getInteger("p.d", 512), m = Integer.getInteger("p.m", 4096), n = Integer.getInteger("p.b", 4096);
    SaeTrainingStep st = new SaeTrainingStep(d, m, n, 3e-5, AdamUpdate.of(5e-4), new SplittableRandom(1));
    float[] x = new float[n * d];
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    for (int i = 0; i < 3; i++) st.step(x, 0, n);
    long[] t = new long[12];
    int reps = 5;
    for (int rep = 0; rep < reps; rep++) {
      long a = System.nanoTime();
      st.centre(x, 0, n);
      long b = System.nanoTime(); t[0] += b - a; a = b;
      Kernels.gemm(false, true, n, m, d, 1f, st.xbar, 0, d, st.we, 0, d, 0f, st.codes, 0, m);
      b = System.nanoTime(); t[1] += b - a; a = b;
      SaeKernels.biasRelu(st.codes, 0, n, m, st.be, st.fired);
      b = System.nanoTime(); t[2] += b - a; a = b;
      Kernels.gemm(false, false, n, d, m, 1f, st.codes, 0, m, st.dec, 0, d, 0f, st.recon, 0, d);
      b = System.nanoTime(); t[3] += b - a; a = b;
      SaeKernels.reconstructionError(st.recon, st.xbar, n, d, 2f / n, st.gBd);
      b = System.nanoTime(); t[4] += b - a; a = b;
      Kernels.gemm(false, true, n, m, d, 1f, st.recon, 0, d, st.dec, 0, d, 0f, st.codeGrad, 0, m);
      b = System.nanoTime(); t[5] += b - a; a = b;
      SaeKernels.maskedGradient(st.codeGrad, st.codes, n, m, 1e-5f, st.gBe);
      b = System.nanoTime(); t[6] += b - a; a = b;
      Kernels.gemm(true, false, m, d, n, 1f, st.codes, 0, m, st.recon, 0, d, 0f, st.gDec, 0, d);
      b = System.nanoTime(); t[7] += b - a; a = b;
      Kernels.gemm(true, false, m, d, n, 1f, st.codeGrad, 0, m, st.xbar, 0, d, 0f, st.gWe, 0, d);
      b = System.nanoTime(); t[8] += b - a; a = b;
      Kernels.gemm(false, false, 1, d, m, -1f, st.gBe, 0, m, st.we, 0, d, 1f, st.gBd, 0, d);
      b = System.nanoTime(); t[9] += b - a; a = b;
      st.adam.step(st.we, st.gWe, st.mWe, st.vWe, 0, st.we.length, 5);
      st.adam.step(st.dec, st.gDec, st.mDec, st.vDec, 0, st.dec.length, 5);
      b = System.nanoTime(); t[10] += b - a; a = b;
      SaeKernels.normalizeRows(st.dec, m, d);
      b = System.nanoTime(); t[11] += b - a; a = b;
    }
    String[] names = {"centre", "gemm1 XWe^T", "biasRelu", "gemm2 FD", "reconErr", "gemm3 ED^T", "maskedGrad", "gemm4 F^TE", "gemm5 G^TX", "gemv bd", "adam", "normalize"};
    double total = 0;
    for (int i = 0; i < t.length; i++) total += t[i] / 1e6 / reps;
    for (int i = 0; i < t.length; i++) {
      double ms = t[i] / 1e6 / reps;
      double gf = names[i].startsWith("gemm") ? 2.0 * n * m * d / (ms / 1e3) / 1e9 : 0;
      System.out.printf("%-14s %8.2f ms %6.1f GFLOPS%n", names[i], ms, gf);
    }
    System.out.printf("total %.1f ms%n", total);
  }
}
