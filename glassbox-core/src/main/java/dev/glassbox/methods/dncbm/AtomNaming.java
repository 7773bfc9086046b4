package dev.glassbox.methods.dncbm;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "name" step of Discover-then-Name (Rao et al., ECCV 2024, {@code assign_names.py}): each
 * dictionary atom (a decoder column, normalised) is named by the vocabulary entry whose text
 * embedding has the largest cosine with it. Naming is cosmetic: it labels the bottleneck's
 * columns and changes no activation (DN-CBM issue #3).
 */
public final class AtomNaming {
  private AtomNaming() {}

  /**
   * One atom's name.
   *
   * @param atom the atom's index
   * @param vocabularyIndex the chosen entry's index in the vocabulary
   * @param text the chosen entry's text
   * @param cosine its cosine with the atom
   */
  public record AtomName(int atom, int vocabularyIndex, String text, float cosine) {}

  /** The nearest vocabulary entry of every row of {@code atoms} ({@code [numAtoms × dim]}); ties go to the earlier entry. */
  public static List<AtomName> nearest(FloatMatrix atoms, ConceptEmbeddings vocabulary) {
    if (vocabulary.dim() != atoms.cols()) {
      throw new IllegalArgumentException("vocabulary embeddings are " + vocabulary.dim() + "-d but the atoms are " + atoms.cols()
          + "-d; embed the vocabulary with the image encoder's text tower");
    }
    if (vocabulary.concepts().size() == 0) {
      throw new IllegalArgumentException("the naming vocabulary is empty");
    }
    FloatMatrix v = Matrices.normalizeRows(vocabulary.embeddings());
    FloatMatrix a = Matrices.normalizeRows(atoms);
    int m = a.rows();
    int k = v.rows();
    int d = a.cols();
    // Blocks of atoms keep the cosine block near 16 MiB whatever the vocabulary size.
    int block = Math.max(1, Math.min(m, (1 << 22) / k));
    float[] cos = new float[block * k];
    List<AtomName> out = new ArrayList<>(m);
    for (int s = 0; s < m; s += block) {
      int b = Math.min(block, m - s);
      Kernels.gemm(false, true, b, k, d, 1f, a.data(), s * d, d, v.data(), 0, d, 0f, cos, 0, k);
      for (int r = 0; r < b; r++) {
        int best = Matrices.argmax(cos, r * k, k);
        out.add(new AtomName(s + r, best, vocabulary.concepts().get(best).text(), cos[r * k + best]));
      }
    }
    return out;
  }

  /**
   * The bottleneck's concept set: each atom under its name, or {@code atom_0017} without a
   * vocabulary. A name shared by several atoms is kept plain on the most similar one and suffixed
   * with the atom's number on the others ({@code "striped wings [atom 17]"}), so texts stay unique.
   */
  public static ConceptSet concepts(int numAtoms, List<AtomName> names) {
    int digits = Math.max(4, Integer.toString(numAtoms - 1).length());
    List<Concept> out = new ArrayList<>(numAtoms);
    if (names == null) {
      for (int j = 0; j < numAtoms; j++) {
        out.add(new Concept(String.format(Locale.ROOT, "atom_%0" + digits + "d", j), "sae", null, Map.of("atom", Integer.toString(j))));
      }
      return new ConceptSet(out);
    }
    Map<String, Integer> bestOf = new HashMap<>();
    for (AtomName n : names) {
      Integer prev = bestOf.get(n.text());
      if (prev == null || names.get(prev).cosine() < n.cosine()) {
        bestOf.put(n.text(), n.atom());
      }
    }
    for (AtomName n : names) {
      String text = bestOf.get(n.text()) == n.atom() ? n.text() : n.text() + " [atom " + n.atom() + "]";
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("atom", Integer.toString(n.atom()));
      meta.put("name", n.text());
      meta.put("cosine", String.format(Locale.ROOT, "%.4f", n.cosine()));
      out.add(new Concept(text, "sae", null, meta));
    }
    return new ConceptSet(out);
  }
}
