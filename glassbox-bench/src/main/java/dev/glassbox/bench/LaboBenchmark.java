package dev.glassbox.bench;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.io.Json;
import dev.glassbox.io.Npy;
import dev.glassbox.io.NpyDtype;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.methods.labo.AssociationPrior;
import dev.glassbox.methods.labo.LaboConfig;
import dev.glassbox.methods.labo.LaboData;
import dev.glassbox.methods.labo.LaboFit;
import dev.glassbox.methods.labo.LaboTrainer;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import dev.glassbox.util.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LaBo's association-head training, Glassbox ({@link LaboTrainer}) against a PyTorch CPU
 * implementation of the same loop ({@code python/labo_torch.py}) on the same precomputed concept
 * scores, in one run.
 *
 * <p>Workload: C classes × P concepts proposed per class (K = C·P concepts), {@code glassbox synth}
 * items in D dimensions whose raw dot products with the concept embeddings are the scores (LaBo's
 * fast path; computed once, not timed). The prior gives each class its true concepts, filled up to
 * P with concepts {@code P·y, P·y + 1, …}. Both sides: Adam (lr 5e-5, PyTorch's betas and ε),
 * scale 100, mini-batches of LaBo's full-data 512 in a fresh shuffle per epoch, the same epochs,
 * and the same checkpoint work every 10 epochs (training accuracy and loss over the whole training
 * set, validation accuracy, best-validation copy). Reported: median seconds per side, the ratio,
 * and each side's best validation accuracy (the shuffles differ, so these agree only roughly).
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx12g -cp ... dev.glassbox.bench.LaboBenchmark
 *     [C P D trainItems epochs reps workdir]</pre>
 */
public final class LaboBenchmark {
  public static void main(String[] args) throws Exception {
    int c = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int p = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int d = args.length > 2 ? Integer.parseInt(args[2]) : 768;
    int nTrain = args.length > 3 ? Integer.parseInt(args[3]) : 6_000;
    int epochs = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    int reps = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    Path work = args.length > 6 ? Files.createDirectories(Path.of(args[6])) : Files.createTempDirectory("glassbox-labobench");
    Path script = Path.of(System.getProperty("glassbox.bench.python", "glassbox-bench/python/labo_torch.py"));
    int k = c * p;

    System.out.printf(Locale.ROOT, "LaBo head: C=%d classes × %d concepts = K=%d, D=%d, ~%d training items, %d epochs, %d repetitions, BLAS %s%n",
        c, p, k, d, nTrain, epochs, reps, Kernels.blasImplementation());
    SynthData sd = SynthGenerator.generate(SynthConfig.of(c, k, (int) Math.round(nTrain / 0.7), d, 13));
    Dataset ds = sd.dataset();
    int[] tr = ds.indices(Split.TRAIN);
    int[] va = ds.indices(Split.VALIDATION);
    ProjectionBottleneck dot = new ProjectionBottleneck(sd.concepts().embeddings(), null, Scoring.DOT, null, null);
    FloatMatrix sTrain = dot.activate(ds.embeddingsOf(tr), ProgressListener.NONE);
    FloatMatrix sVal = dot.activate(ds.embeddingsOf(va), ProgressListener.NONE);
    AssociationPrior prior = prior(ds, c, p, k);
    LaboConfig cfg = LaboConfig.defaults().withEpochs(epochs).withBatchSize(512);
    LaboData data = new LaboData(sTrain, ds.labelsOf(tr), sVal, ds.labelsOf(va), prior);

    Npy.write(work.resolve("train_s.npy"), sTrain, NpyDtype.FLOAT32);
    Npy.writeLongs(work.resolve("train_y.npy"), HeadPathBenchmark.toLong(data.trainLabels()));
    Npy.write(work.resolve("val_s.npy"), sVal, NpyDtype.FLOAT32);
    Npy.writeLongs(work.resolve("val_y.npy"), HeadPathBenchmark.toLong(data.valLabels()));
    Npy.write(work.resolve("prior.npy"), prior.initialMatrix(cfg.initValue()), NpyDtype.FLOAT32);
    Files.write(work.resolve("config.json"), Json.bytes(Configs.toMap(cfg)));
    System.out.printf("training items %d, validation items %d, batch %d (%d steps per epoch); data in %s%n", tr.length, va.length,
        cfg.batchSizeFor(tr.length), (tr.length + 511) / 512, work);

    double[] gb = new double[reps];
    double[] pt = new double[reps];
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      LaboFit f = new LaboTrainer(cfg.withSeed(r)).fit(data, ProgressListener.NONE);
      gb[r] = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "  rep %d glassbox: %.2f s, best val %.4f at epoch %d (prior alone %.4f)%n", r, gb[r],
          f.selectedReport().valAccuracy(), f.selectedReport().iterations(), f.priorValAccuracy());
      Map<String, Object> res = Stats.runPython(script, work, List.of("--threads", "2", "--seed", Integer.toString(r)));
      pt[r] = ((Number) res.get("seconds")).doubleValue();
      System.out.printf(Locale.ROOT, "  rep %d pytorch:  %.2f s, best val %.4f at epoch %s%n", r, pt[r],
          ((Number) res.get("val_accuracy")).doubleValue(), res.get("best_epoch"));
    }
    double g = Stats.median(gb);
    double q = Stats.median(pt);
    System.out.printf(Locale.ROOT, "median seconds: glassbox %.2f %s, pytorch %.2f %s → glassbox takes %.2f× PyTorch's time%n", g, Stats.fmt(gb), q,
        Stats.fmt(pt), g / q);
  }

  /** Each class's true concepts, filled up to {@code p} with {@code p·y, p·y + 1, …}. */
  static AssociationPrior prior(Dataset ds, int c, int p, int k) {
    List<int[]> out = new ArrayList<>();
    for (int y = 0; y < c; y++) {
      int[] truth = ds.groundTruth().classConcepts().get(y);
      int[] set = Arrays.copyOf(truth, Math.max(p, truth.length));
      int n = truth.length;
      for (int j = p * y; n < p; j = (j + 1) % k) {
        if (!contains(set, n, j)) {
          set[n++] = j;
        }
      }
      out.add(set);
    }
    return new AssociationPrior(out, k, "benchmark");
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }



  private LaboBenchmark() {}
}
