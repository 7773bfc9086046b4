package dev.glassbox.cli.demo;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encoders.onnx.MiniLmTextEncoder;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConcept;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concept world as a labelled dataset with a concept set, for studies beyond the demo
 * (method comparisons, Post-hoc CBM's concept examples): either the world's own visual concepts
 * (its canonical phrases, as a CUB-style attribute list) or the field-guide candidates that pass
 * the demo's filters. Either way the dataset carries ground truth over its concepts.
 */
public final class WorldDatasets {
  private WorldDatasets() {}

  /** A dataset with its concepts. */
  public record WithConcepts(Dataset dataset, ConceptEmbeddings concepts, FloatMatrix classEmbeddings) {}

  /**
   * The world's canonical visual concepts, embedded by MiniLM. Each concept's proposing classes
   * (metadata {@code classes}) are the species most of whose birds show it, as an LLM asked about
   * each species would propose them; the ground truth says the same.
   */
  public static WithConcepts worldConcepts(DemoPipeline.Prepared p) {
    World w = p.world();
    FloatMatrix probs = w.speciesConceptProbabilities();
    List<Concept> cs = new ArrayList<>();
    List<WorldConcept> wcs = w.worldConcepts();
    List<FieldGuideCandidates.Candidate> truth = new ArrayList<>();
    for (WorldConcept wc : wcs) {
      List<String> by = new ArrayList<>();
      for (int s = 0; s < w.species().size(); s++) {
        if (probs.get(s, wc.index()) >= DemoPipeline.HAS_CONCEPT) {
          by.add(w.speciesNames().get(s));
        }
      }
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("part", wc.partKey());
      meta.put("classes", FieldGuideCandidates.jsonList(by));
      Concept c = new Concept(wc.phrase(), "world", by.isEmpty() ? null : by.get(0), meta);
      cs.add(c);
      truth.add(new FieldGuideCandidates.Candidate(c, FieldGuideCandidates.Kind.VISUAL_CONCEPT, wc.index(), false));
    }
    ConceptSet set = new ConceptSet(cs);
    FloatMatrix emb;
    try (MiniLmTextEncoder text = MiniLmTextEncoder.load()) {
      emb = FloatMatrix.zeros(set.size(), text.dim());
      for (int k = 0; k < set.size(); k++) {
        FloatMatrix e = text.encode(List.of(set.get(k).text()));
        System.arraycopy(e.data(), 0, emb.data(), k * text.dim(), text.dim());
      }
      ConceptEmbeddings ce = new ConceptEmbeddings(set, emb, text.identity());
      Dataset d = DemoPipeline.withGroundTruth(p.data(), w, truth, set);
      return new WithConcepts(d, ce, p.speciesEmbeddings());
    }
  }

  /** The field-guide candidates that pass the demo's filters, with ground truth over them. */
  public static WithConcepts fieldGuide(DemoPipeline.Prepared p) {
    ConceptEmbeddings kept = p.filtered().kept();
    List<FieldGuideCandidates.Candidate> truth = DemoPipeline.truthOf(p.candidates(), kept.concepts());
    Dataset d = DemoPipeline.withGroundTruth(p.data(), p.world(), truth, kept.concepts());
    return new WithConcepts(d, kept, p.speciesEmbeddings());
  }

  /** Every field-guide candidate, unfiltered, with ground truth over them. */
  public static WithConcepts allCandidates(DemoPipeline.Prepared p) {
    ConceptEmbeddings all = p.candidateConcepts();
    Dataset d = DemoPipeline.withGroundTruth(p.data(), p.world(), p.candidates(), all.concepts());
    return new WithConcepts(d, all, p.speciesEmbeddings());
  }
}
