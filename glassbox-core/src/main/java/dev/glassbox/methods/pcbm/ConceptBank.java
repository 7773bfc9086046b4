package dev.glassbox.methods.pcbm;

import dev.glassbox.bottleneck.ProjectionBottleneck;
import dev.glassbox.bottleneck.Scoring;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Post-hoc CBM's concept bank (Yuksekgonul, Wang &amp; Zou, ICLR 2023): one unit direction and
 * intercept per concept, scored as {@code v_k·x + c_k} on the raw (unnormalised) image embedding.
 *
 * <ul>
 *   <li>A <b>CAV bank</b> ({@link CavTrainer}) holds {@code v = w/‖w‖} and {@code c = b/‖w‖} of a
 *       linear SVM per concept, so the score is the signed geometric margin {@code (w·x + b)/‖w‖},
 *       with each SVM's record ({@link CavRecord}).
 *   <li>A <b>text bank</b> ({@link #fromText}) holds the normalised text embedding of each concept
 *       and intercept 0, with image embeddings left unnormalised (PCBM's multimodal bank and its
 *       {@code get_projections}).
 * </ul>
 *
 * @param kind {@code "cav"} or {@code "text"}
 * @param concepts the concepts, in bank order
 * @param directions {@code [numConcepts × dim]} unit directions
 * @param intercepts per-concept intercepts
 * @param records one SVM record per concept for a CAV bank; empty for a text bank
 */
public record ConceptBank(String kind, ConceptSet concepts, FloatMatrix directions, float[] intercepts, List<CavRecord> records) {
  public ConceptBank {
    records = List.copyOf(records);
    if (directions.rows() != concepts.size() || intercepts.length != concepts.size()) {
      throw new IllegalArgumentException("concept bank has " + concepts.size() + " concepts, " + directions.rows() + " directions and "
          + intercepts.length + " intercepts; they must match");
    }
  }

  /** The text bank: each concept's normalised text embedding, intercept 0. */
  public static ConceptBank fromText(ConceptEmbeddings concepts) {
    return new ConceptBank("text", concepts.concepts(), Matrices.normalizeRows(concepts.embeddings()), new float[concepts.concepts().size()], List.of());
  }

  public int size() {
    return concepts.size();
  }

  /** The bank as a bottleneck: DOT scoring of the raw embedding against the directions, plus the intercepts. */
  public ProjectionBottleneck bottleneck() {
    return new ProjectionBottleneck(directions, intercepts, Scoring.DOT, null, null);
  }

  /** JSON-compatible summary for provenance: the kind and, for CAVs, every concept's record. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("concepts", concepts.size());
    if (!records.isEmpty()) {
      List<Object> r = new ArrayList<>(records.size());
      records.forEach(c -> r.add(c.describe()));
      m.put("cavs", r);
    }
    return m;
  }
}
