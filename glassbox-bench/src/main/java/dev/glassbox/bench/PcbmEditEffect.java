package dev.glassbox.bench;

import dev.glassbox.methods.pcbm.SpuriousEditExperiment;
import dev.glassbox.synth.SpuriousSynth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Post-hoc CBM's global edits on a world with spurious concepts
 * ({@link SpuriousEditExperiment}): for each seed, bank and λ, validation (training distribution)
 * and test (shifted) accuracy before editing, after zeroing each class's spurious concept, and after
 * zeroing with renormalisation; then the means over seeds. Not a timing benchmark.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ... dev.glassbox.bench.PcbmEditEffect [seeds]</pre>
 */
public final class PcbmEditEffect {
  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Map<String, String>> configs = List.of(
        Map.of("bank", "text", "lambda", "1e-5"),
        Map.of("bank", "text", "lambda", "1e-3"),
        Map.of("bank", "cav", "lambda", "1e-5"),
        Map.of("bank", "cav", "lambda", "1e-3"));
    System.out.println("world: 10 classes, 60 concepts, 6000 items, 64-d; true concepts shown with p 0.5, noise 1.5;");
    System.out.println("spurious concept of the class shown with p 0.9 in train/val, a random class's with p 0.9 in test");
    System.out.printf(Locale.ROOT, "%-8s %-26s %6s | %6s %6s | %6s %6s | %6s %6s | %s%n",
        "method", "options", "seed", "val", "test", "val0", "test0", "valN", "testN", "spurious |w| share");
    for (String method : List.of("pcbm", "pcbm-h")) {
      for (Map<String, String> cfg : configs) {
        double[] sum = new double[7];
        for (int s = 0; s < seeds; s++) {
          SpuriousSynth.SpuriousData world = SpuriousEditExperiment.defaultWorld(100 + s);
          SpuriousEditExperiment.Result r = SpuriousEditExperiment.run(world, method, new LinkedHashMap<>(cfg), s);
          double[] v = {r.valBefore(), r.testBefore(), r.valZero(), r.testZero(), r.valRenormalized(), r.testRenormalized(), r.spuriousWeightShare()};
          for (int i = 0; i < v.length; i++) {
            sum[i] += v[i];
          }
          System.out.printf(Locale.ROOT, "%-8s %-26s %6d | %6.3f %6.3f | %6.3f %6.3f | %6.3f %6.3f | %.3f%n",
              method, cfg, 100 + s, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }
        System.out.printf(Locale.ROOT, "%-8s %-26s %6s | %6.3f %6.3f | %6.3f %6.3f | %6.3f %6.3f | %.3f%n",
            method, cfg, "mean", sum[0] / seeds, sum[1] / seeds, sum[2] / seeds, sum[3] / seeds, sum[4] / seeds, sum[5] / seeds, sum[6] / seeds);
      }
    }
  }

  private PcbmEditEffect() {}
}
