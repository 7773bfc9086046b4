package dev.glassbox.methods.labo;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.GroundTruth;
import dev.glassbox.math.FloatMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LaBo's language prior: for each class, the concepts proposed for it. The association matrix
 * starts at {@code W[y,c] = initValue} for those pairs and 0 elsewhere (Yang et al., CVPR 2023).
 *
 * @param classConcepts for each class, the indices of its concepts, ascending and distinct
 * @param numConcepts the number of concepts (columns of W)
 * @param source where the prior came from, for provenance: {@code proposed-by}, {@code ground-truth},
 *     {@code selection} or {@code none}
 */
public record AssociationPrior(List<int[]> classConcepts, int numConcepts, String source) {
  public AssociationPrior {
    List<int[]> copy = new ArrayList<>(classConcepts.size());
    for (int y = 0; y < classConcepts.size(); y++) {
      int[] s = classConcepts.get(y).clone();
      Arrays.sort(s);
      for (int i = 0; i < s.length; i++) {
        if (s[i] < 0 || s[i] >= numConcepts) {
          throw new IllegalArgumentException("the prior of class " + y + " names concept " + s[i] + " but there are " + numConcepts + " concepts");
        }
        if (i > 0 && s[i] == s[i - 1]) {
          throw new IllegalArgumentException("the prior of class " + y + " names concept " + s[i] + " twice");
        }
      }
      copy.add(s);
    }
    classConcepts = List.copyOf(copy);
  }

  public int numClasses() {
    return classConcepts.size();
  }

  /** Pairs (class, concept) in the prior. */
  public int pairs() {
    int p = 0;
    for (int[] s : classConcepts) {
      p += s.length;
    }
    return p;
  }

  /** The initial association matrix {@code [numClasses × numConcepts]}: {@code initValue} on the prior, 0 elsewhere. */
  public FloatMatrix initialMatrix(double initValue) {
    FloatMatrix w = FloatMatrix.zeros(numClasses(), numConcepts);
    for (int y = 0; y < numClasses(); y++) {
      for (int c : classConcepts.get(y)) {
        w.set(y, c, (float) initValue);
      }
    }
    return w;
  }

  /** No prior: every entry starts at 0, so every class starts at the mean of all concepts. */
  public static AssociationPrior none(int numClasses, int numConcepts) {
    List<int[]> l = new ArrayList<>();
    for (int y = 0; y < numClasses; y++) {
      l.add(new int[0]);
    }
    return new AssociationPrior(l, numConcepts, "none");
  }

  /**
   * The prior from each concept's proposing class ({@link Concept#proposedBy()}), as LaBo builds
   * it from its {@code class2concepts.json}. Concepts that name no class belong to none.
   *
   * @throws IllegalArgumentException naming the concept when it names a class that is not in
   *     {@code classNames}, or when no concept names a class at all
   */
  public static AssociationPrior fromProposedBy(ConceptSet concepts, List<String> classNames) {
    Map<String, Integer> index = new HashMap<>();
    for (int y = 0; y < classNames.size(); y++) {
      index.put(classNames.get(y), y);
    }
    List<List<Integer>> sets = new ArrayList<>();
    for (int y = 0; y < classNames.size(); y++) {
      sets.add(new ArrayList<>());
    }
    int named = 0;
    for (int k = 0; k < concepts.size(); k++) {
      Concept c = concepts.get(k);
      if (c.proposedBy() == null) {
        continue;
      }
      Integer y = index.get(c.proposedBy());
      if (y == null) {
        throw new IllegalArgumentException("concept \"" + c.text() + "\" was proposed by class \"" + c.proposedBy()
            + "\", which is not among the dataset's " + classNames.size() + " classes; fix the concept set's \"class\" fields");
      }
      sets.get(y).add(k);
      named++;
    }
    if (named == 0) {
      throw new IllegalArgumentException("LaBo's language prior needs each concept's proposing class (\"class\" in concepts.json), but none of the "
          + concepts.size() + " concepts names one; use prior=ground-truth on generated data with known class concepts, or prior=none");
    }
    List<int[]> out = new ArrayList<>();
    for (List<Integer> s : sets) {
      out.add(s.stream().mapToInt(Integer::intValue).toArray());
    }
    return new AssociationPrior(out, concepts.size(), "proposed-by");
  }

  /**
   * The prior from a generated dataset's ground truth: each class's true concepts stand in for the
   * concepts a language model would propose for it.
   */
  public static AssociationPrior fromGroundTruth(GroundTruth truth, int numConcepts) {
    return new AssociationPrior(truth.classConcepts(), numConcepts, "ground-truth");
  }

  /** True when at least one concept names a proposing class. */
  public static boolean anyProposedBy(ConceptSet concepts) {
    for (Concept c : concepts.concepts()) {
      if (c.proposedBy() != null) {
        return true;
      }
    }
    return false;
  }
}
