package dev.glassbox.cli.demo;

import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.concepts.filter.FilterResult;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.evaluate.Evaluation;
import dev.glassbox.evaluate.ZeroShotConceptEvaluation;
import dev.glassbox.explain.ClassWeight;
import dev.glassbox.explain.Explainer;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.pipeline.MethodSupport;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.world.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo's measurements against the world's ground truth.
 *
 * @param testAccuracy the CBM's top-1 accuracy on the test split
 * @param speciesTop3 for each species, whether its three largest positive weights all sit on
 *     visual concepts the species really has (shown by most of its birds)
 * @param speciesTop for each species, its largest positive weights (concept, weight, true or not)
 * @param nonVisualCandidates phrases taken from non-visual statements
 * @param nonVisualDropped how many of those never reached the head
 * @param visualCandidates phrases naming a visual concept (canonical or paraphrased)
 * @param visualKept how many of those reached the head
 * @param paraphrasedCandidates visual candidates that name their concept by a paraphrase
 * @param paraphrasedKept how many of those reached the head
 * @param visualConceptsMentioned distinct world concepts the field guide's candidates name
 * @param visualConceptsKept how many of those at least one phrase in the head names
 * @param visualConceptsLost each mentioned world concept no kept phrase names: its phrases and
 *     what removed each (a filter's name, or "selection")
 * @param tower the image tower's zero-shot concept detection on the demo world
 * @param conceptAuc the AUC of each head concept's activation against presence on test images
 */
record DemoMetrics(
    double testAccuracy, List<Boolean> speciesTop3, List<List<TopConcept>> speciesTop,
    int nonVisualCandidates, int nonVisualDropped, int visualCandidates, int visualKept,
    int paraphrasedCandidates, int paraphrasedKept, int visualConceptsMentioned, int visualConceptsKept,
    Map<String, Map<String, String>> visualConceptsLost, ZeroShotConceptEvaluation.Report tower,
    Map<String, Double> conceptAuc, TrainResult trained, Evaluation test, FilterResult filtered) {

  /** One of a species' largest weights. */
  record TopConcept(String concept, float weight, boolean trueVisual) {}

  static DemoMetrics compute(World world, List<FieldGuideCandidates.Candidate> candidates, FilterResult filtered, ConceptSet chosen,
      List<FieldGuideCandidates.Candidate> chosenTruth, ConceptBottleneckModel model, TrainResult trained, Evaluation test,
      ZeroShotConceptEvaluation.Report tower, FloatMatrix images, Dataset data) {
    FloatMatrix probs = world.speciesConceptProbabilities();
    List<Boolean> top3 = new ArrayList<>();
    List<List<TopConcept>> tops = new ArrayList<>();
    for (int s = 0; s < model.numClasses(); s++) {
      List<TopConcept> list = new ArrayList<>();
      for (ClassWeight w : Explainer.classWeights(model, s)) {
        if (w.weight() <= 0) {
          continue;
        }
        FieldGuideCandidates.Candidate c = chosenTruth.get(w.concept());
        boolean ok = c.kind() == FieldGuideCandidates.Kind.VISUAL_CONCEPT && probs.get(s, c.worldConcept()) >= DemoPipeline.HAS_CONCEPT;
        list.add(new TopConcept(w.text(), w.weight(), ok));
      }
      list.sort((a, b) -> Float.compare(b.weight(), a.weight()));
      tops.add(list);
      boolean ok = list.size() >= 3;
      for (int i = 0; i < Math.min(3, list.size()); i++) {
        ok &= list.get(i).trueVisual();
      }
      top3.add(ok);
    }
    Set<String> kept = new HashSet<>(chosen.texts());
    int nv = 0;
    int nvDropped = 0;
    int vis = 0;
    int visKept = 0;
    int para = 0;
    int paraKept = 0;
    for (FieldGuideCandidates.Candidate c : candidates) {
      boolean in = kept.contains(c.concept().text());
      if (c.kind() == FieldGuideCandidates.Kind.NON_VISUAL) {
        nv++;
        nvDropped += in ? 0 : 1;
      } else if (c.kind() == FieldGuideCandidates.Kind.VISUAL_CONCEPT) {
        vis++;
        visKept += in ? 1 : 0;
        if (c.paraphrased()) {
          para++;
          paraKept += in ? 1 : 0;
        }
      }
    }
    Set<Integer> mentioned = new HashSet<>();
    Set<Integer> keptWorld = new HashSet<>();
    for (FieldGuideCandidates.Candidate c : candidates) {
      if (c.kind() == FieldGuideCandidates.Kind.VISUAL_CONCEPT) {
        mentioned.add(c.worldConcept());
        if (kept.contains(c.concept().text())) {
          keptWorld.add(c.worldConcept());
        }
      }
    }
    Map<String, String> removedBy = new HashMap<>();
    for (dev.glassbox.concepts.filter.DroppedConcept d : filtered.report().dropped()) {
      removedBy.putIfAbsent(d.concept().text(), d.filter());
    }
    Map<String, Map<String, String>> lost = new TreeMap<>();
    for (FieldGuideCandidates.Candidate c : candidates) {
      if (c.kind() == FieldGuideCandidates.Kind.VISUAL_CONCEPT && !keptWorld.contains(c.worldConcept())) {
        String text = c.concept().text();
        lost.computeIfAbsent(dev.glassbox.world.ConceptCatalog.all().get(c.worldConcept()).phrase(), x -> new TreeMap<>())
            .put(text, removedBy.getOrDefault(text, "selection"));
      }
    }
    int[] testItems = data.indices(Split.TEST);
    FloatMatrix acts = model.bottleneck().activate(data.embeddingsOf(testItems), dev.glassbox.progress.ProgressListener.NONE);
    Map<String, Double> auc = new LinkedHashMap<>();
    for (int k = 0; k < chosen.size(); k++) {
      if (chosenTruth.get(k).kind() == FieldGuideCandidates.Kind.VISUAL_CONCEPT) {
        double a = DemoPipeline.activationAuc(acts, k, data.groundTruth().itemConcepts(), testItems);
        if (Double.isFinite(a)) {
          auc.put(chosen.get(k).text(), a);
        }
      }
    }
    return new DemoMetrics(test.top1(), top3, tops, nv, nvDropped, vis, visKept, para, paraKept, mentioned.size(), keptWorld.size(),
        lost, tower, auc, trained, test, filtered);
  }

  double speciesTop3Share() {
    return speciesTop3.stream().filter(b -> b).count() / (double) speciesTop3.size();
  }

  double nonVisualDroppedShare() {
    return nonVisualCandidates == 0 ? Double.NaN : nonVisualDropped / (double) nonVisualCandidates;
  }

  double visualKeptShare() {
    return visualCandidates == 0 ? Double.NaN : visualKept / (double) visualCandidates;
  }

  double conceptAucMean() {
    return conceptAuc.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test_accuracy", testAccuracy);
    m.put("val_accuracy", trained.metrics().get("val_accuracy"));
    m.put("dense_val_accuracy", trained.metrics().get("dense_val_accuracy"));
    m.put("test_top5_accuracy", MethodSupport.nanToNull(test.top5()));
    m.put("nonzeros_per_class", trained.metrics().get("nonzeros_per_class"));
    m.put("concepts_in_head", trained.model().numConcepts());
    m.put("species_top3_true_visual_share", speciesTop3Share());
    Map<String, Object> tops = new LinkedHashMap<>();
    for (int sp = 0; sp < speciesTop.size(); sp++) {
      List<Object> l = new ArrayList<>();
      for (TopConcept t : speciesTop.get(sp).subList(0, Math.min(5, speciesTop.get(sp).size()))) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("concept", t.concept());
        x.put("weight", (double) t.weight());
        x.put("true_visual", t.trueVisual());
        l.add(x);
      }
      tops.put(trained.model().classNames().get(sp), l);
    }
    m.put("species_top_concepts", tops);
    m.put("nonvisual_candidates", nonVisualCandidates);
    m.put("nonvisual_dropped_share", nonVisualDroppedShare());
    m.put("visual_candidates", visualCandidates);
    m.put("visual_kept_share", visualKeptShare());
    m.put("visual_concepts_mentioned", visualConceptsMentioned);
    m.put("visual_concepts_kept", visualConceptsKept);
    m.put("visual_concepts_kept_share", visualConceptsMentioned == 0 ? null : visualConceptsKept / (double) visualConceptsMentioned);
    m.put("visual_concepts_lost", visualConceptsLost);
    m.put("paraphrased_candidates", paraphrasedCandidates);
    m.put("paraphrased_kept_share", paraphrasedCandidates == 0 ? null : paraphrasedKept / (double) paraphrasedCandidates);
    m.put("filter_dropped_per_filter", filtered.report().droppedPerFilter());
    m.put("head_concept_detection_auc_mean", conceptAucMean());
    m.put("zero_shot_concept_auc_mean", tower.canonicalMean());
    m.put("zero_shot_concept_auc_min", tower.canonicalMin());
    m.put("zero_shot_paraphrase_auc_mean", tower.paraphraseMean());
    m.put("zero_shot_all_phrases_auc_mean", tower.allPhrasesMean());
    Map<String, Object> per = new LinkedHashMap<>();
    for (ZeroShotConceptEvaluation.ConceptResult r : tower.concepts()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("auc", r.canonical().auc());
      Map<String, Object> p = new LinkedHashMap<>();
      for (ZeroShotConceptEvaluation.PhraseAuc pa : r.paraphrases()) {
        p.put(pa.phrase(), pa.auc());
      }
      x.put("paraphrases", p);
      per.put(r.concept(), x);
    }
    m.put("zero_shot_concept_auc", per);
    return m;
  }
}
