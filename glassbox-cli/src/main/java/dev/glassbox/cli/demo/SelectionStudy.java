package dev.glassbox.cli.demo;

import dev.glassbox.compare.FewShotProtocol;
import dev.glassbox.compare.FewShotSplit;
import dev.glassbox.compare.Shots;
import dev.glassbox.concepts.select.Budget;
import dev.glassbox.concepts.select.ClassSimilarity;
import dev.glassbox.concepts.select.ConceptSelection;
import dev.glassbox.concepts.select.ConceptSelector;
import dev.glassbox.concepts.select.RandomSelector;
import dev.glassbox.concepts.select.SelectionInput;
import dev.glassbox.concepts.select.SubmodularConfig;
import dev.glassbox.concepts.select.SubmodularSelector;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LaBo's selection against random selection at the same budget, by the downstream accuracy of a
 * model trained on the selected concepts, under the few-shot protocol: for each shot count and
 * seed, both selectors choose {@code perClass} concepts per species from the same candidate pool,
 * scoring on that run's training images only (as LaBo's k-shot runs do), and the same method is
 * trained on each choice and scored on the whole test split.
 */
public final class SelectionStudy {
  private SelectionStudy() {}

  /** One run. */
  public record Run(int shots, int seedIndex, String selector, double testAccuracy, int concepts, int nonVisualChosen) {}

  /** The study's runs and per-cell summaries. */
  public record Result(List<Run> runs, Map<String, Object> summary) {}

  public static Result run(WorldDatasets.WithConcepts pool, List<FieldGuideCandidates.Candidate> truth, List<Shots> shots, int seeds,
      int perClass, String method, Map<String, String> methodOptions, ProgressListener progress) {
    Dataset d = pool.dataset();
    List<FewShotSplit> splits = FewShotProtocol.splits(d, shots, seeds, 20251130L);
    List<Run> runs = new ArrayList<>();
    int done = 0;
    for (FewShotSplit split : splits) {
      Dataset fs = FewShotProtocol.apply(d, split);
      int[] train = fs.indices(Split.TRAIN);
      SelectionInput input = SelectionInput.of(pool.concepts(), fs, train);
      Map<String, ConceptSelector> selectors = new LinkedHashMap<>();
      selectors.put("labo", new SubmodularSelector(SubmodularConfig.defaults().withBudget(Budget.perClass(perClass))
          .withClassSimilarity(ClassSimilarity.EXP_COSINE)));
      selectors.put("random", new RandomSelector(Budget.perClass(perClass), split.seed()));
      for (Map.Entry<String, ConceptSelector> e : selectors.entrySet()) {
        ConceptSelection sel = e.getValue().select(input);
        ConceptEmbeddings chosen = sel.selected();
        List<FieldGuideCandidates.Candidate> chosenTruth = DemoPipeline.truthOf(truth, chosen.concepts());
        // No ground truth: the method sees only what a real user has (concepts with the classes that proposed them).
        Dataset withTruth = new Dataset(fs.name(), fs.classNames(), fs.ids(), fs.labels(), fs.splits(), fs.embeddings(), null, fs.metadata());
        TrainResult r = CbmMethods.train(method, new TrainingInput(withTruth, chosen, split.seed(), pool.classEmbeddings()), methodOptions,
            ProgressListener.NONE);
        double acc = Evaluator.evaluate(r.model(), withTruth, Split.TEST).top1();
        int nonVisual = 0;
        for (FieldGuideCandidates.Candidate c : chosenTruth) {
          if (c.kind() != FieldGuideCandidates.Kind.VISUAL_CONCEPT) {
            nonVisual++;
          }
        }
        runs.add(new Run(split.shots().perClass(), split.seedIndex(), e.getKey(), acc, chosen.concepts().size(), nonVisual));
      }
      progress.progress("selection study", ++done, splits.size());
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    for (Shots s : shots) {
      Map<String, Object> cell = new LinkedHashMap<>();
      for (String sel : List.of("labo", "random")) {
        double[] accs = runs.stream().filter(r -> r.shots() == s.perClass() && r.selector().equals(sel)).mapToDouble(Run::testAccuracy).toArray();
        double[] nv = runs.stream().filter(r -> r.shots() == s.perClass() && r.selector().equals(sel))
            .mapToDouble(r -> r.nonVisualChosen() / (double) r.concepts()).toArray();
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("test_accuracy_mean", mean(accs));
        x.put("test_accuracy_std", std(accs));
        x.put("non_visual_share_mean", mean(nv));
        x.put("runs", accs.length);
        cell.put(sel, x);
      }
      summary.put(s.label() + "-shot", cell);
    }
    return new Result(runs, summary);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  static double std(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
