package dev.glassbox.methods.pcbm;

import dev.glassbox.data.Split;
import dev.glassbox.edit.ModelEdit;
import dev.glassbox.edit.ModelEditor;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SpuriousSynth;
import dev.glassbox.synth.SynthConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Post-hoc CBM's global-edit experiment on a shifted synthetic world ({@link SpuriousSynth}): train
 * a model where each class's spurious concept predicts it, then delete the spurious concepts from
 * the head, without data from the test distribution and without retraining, by the two edits the
 * paper compares: zeroing their weights ({@link ModelEdit.ZeroWeight}) and zeroing with
 * renormalisation ({@link ModelEdit.ZeroRenormalized}). Each class's spurious concept is edited
 * for that class only, as a user who spotted "class c relies on s_c" would.
 */
public final class SpuriousEditExperiment {
  private SpuriousEditExperiment() {}

  /**
   * Accuracy of one model before and after each edit.
   *
   * @param method the training method
   * @param valBefore validation accuracy (the training distribution) before editing
   * @param testBefore test accuracy (the shifted distribution) before editing
   * @param valZero validation accuracy after zeroing
   * @param testZero test accuracy after zeroing
   * @param valRenormalized validation accuracy after zeroing with renormalisation
   * @param testRenormalized test accuracy after zeroing with renormalisation
   * @param spuriousWeightShare the share of the head's absolute weight on the spurious concepts (for their own classes) before editing
   */
  public record Result(String method, double valBefore, double testBefore, double valZero, double testZero,
      double valRenormalized, double testRenormalized, double spuriousWeightShare) {

    public Map<String, Object> describe() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("method", method);
      m.put("val_before", valBefore);
      m.put("test_before", testBefore);
      m.put("val_zero", valZero);
      m.put("test_zero", testZero);
      m.put("val_zero_renormalized", valRenormalized);
      m.put("test_zero_renormalized", testRenormalized);
      m.put("spurious_weight_share", spuriousWeightShare);
      return m;
    }
  }

  /** Trains {@code method} with {@code options} on {@code world} (seed {@code seed}) and measures both edits. */
  public static Result run(SpuriousSynth.SpuriousData world, String method, Map<String, String> options, long seed) {
    TrainResult tr = CbmMethods.train(method, new TrainingInput(world.data().dataset(), world.data().concepts(), seed), options,
        ProgressListener.NONE);
    ConceptBottleneckModel m = tr.model();
    var d = world.data().dataset();
    ConceptBottleneckModel zero = edit(m, world, ModelEdit.ZeroWeight::new);
    ConceptBottleneckModel renorm = edit(m, world, ModelEdit.ZeroRenormalized::new);
    int k = m.numConcepts();
    float[] w = m.head().weight().data();
    double total = 0;
    double spur = 0;
    for (int c = 0; c < m.numClasses(); c++) {
      for (int j = 0; j < k; j++) {
        total += Math.abs(w[c * k + j]);
      }
      int j = m.concepts().indexOf(world.data().concepts().concepts().get(world.spurious()[c]).text());
      spur += Math.abs(w[c * k + j]);
    }
    return new Result(method,
        Evaluator.evaluate(m, d, Split.VALIDATION).top1(), Evaluator.evaluate(m, d, Split.TEST).top1(),
        Evaluator.evaluate(zero, d, Split.VALIDATION).top1(), Evaluator.evaluate(zero, d, Split.TEST).top1(),
        Evaluator.evaluate(renorm, d, Split.VALIDATION).top1(), Evaluator.evaluate(renorm, d, Split.TEST).top1(),
        total == 0 ? 0 : spur / total);
  }

  private static ConceptBottleneckModel edit(ConceptBottleneckModel m, SpuriousSynth.SpuriousData world,
      BiFunction<String, String, ModelEdit> kind) {
    ConceptBottleneckModel out = m;
    for (int c = 0; c < m.numClasses(); c++) {
      String concept = world.data().concepts().concepts().get(world.spurious()[c]).text();
      out = ModelEditor.apply(out, kind.apply(concept, m.classNames().get(c)));
    }
    return out;
  }

  /**
   * The default shifted world of the experiment: 10 classes, 60 concepts, 6,000 items, 64-d, true
   * concepts shown with probability 0.5 and noise 1.5 (so the true concepts alone do not settle the
   * class and a model has reason to use the spurious ones); spurious rates 0.9 in training and
   * validation, 0.9 (class-independent) in test.
   */
  public static SpuriousSynth.SpuriousData defaultWorld(long seed) {
    return SpuriousSynth.generate(new SynthConfig(10, 60, 6000, 64, seed, 3, 5, 0.5, 0.01, 1.5, 1.0, 0.1, 0.15, 0.15), 0.9, 0.9);
  }
}
