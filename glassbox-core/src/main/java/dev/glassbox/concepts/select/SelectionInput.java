package dev.glassbox.concepts.select;

import dev.glassbox.concepts.Concept;
import dev.glassbox.data.Dataset;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.RowSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a selector chooses from: candidate concepts with their text embeddings, the classes, the
 * training images that LaBo's scores are measured on, and each class's own candidates.
 *
 * @param candidates the candidate concepts and their {@code [numCandidates × d]} text embeddings
 * @param classNames the classes, unique; label {@code y} is {@code classNames.get(y)}
 * @param groundSets for each class, the indices of its candidates (LaBo selects per class among
 *     the concepts generated for it; a candidate may belong to several classes, see
 *     {@link SharedConcepts}), or null when the candidates have no classes (only global budgets
 *     can then be used)
 * @param images {@code [numImages × d]} training image embeddings, in the candidates' space
 * @param labels the class of each image; every class needs at least one image
 */
public record SelectionInput(
    ConceptEmbeddings candidates, List<String> classNames, List<int[]> groundSets, RowSource images, int[] labels) {

  public SelectionInput {
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(classNames, "classNames");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(labels, "labels");
    classNames = List.copyOf(classNames);
    int k = candidates.concepts().size();
    if (k == 0) {
      throw new IllegalArgumentException("candidates: there are no candidate concepts to select from; generate or load candidates first");
    }
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("classNames: the class list is empty; selection scores concepts against at least one class");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int y = 0; y < classNames.size(); y++) {
      Integer prev = seen.put(classNames.get(y), y);
      if (prev != null) {
        throw new IllegalArgumentException(
            "classNames: class \"" + classNames.get(y) + "\" appears twice (positions " + prev + " and " + y + "); class names must be unique");
      }
    }
    if (images.cols() != candidates.dim()) {
      throw new IllegalArgumentException(
          "images: the image embeddings are " + images.cols() + "-d but the candidate concept embeddings are " + candidates.dim()
              + "-d; encode images and concepts with the same vision–language encoder");
    }
    if (labels.length != images.rows()) {
      throw new IllegalArgumentException(
          "labels: there are " + labels.length + " labels for " + images.rows() + " image embeddings; give one label per image");
    }
    int[] count = new int[classNames.size()];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            "labels: image " + i + " has label " + labels[i] + " but there are " + classNames.size() + " classes (expected 0.." + (classNames.size() - 1) + ")");
      }
      count[labels[i]]++;
    }
    for (int y = 0; y < count.length; y++) {
      if (count[y] == 0) {
        throw new IllegalArgumentException(
            "images: class \"" + classNames.get(y) + "\" has no training images; Sim(c, y) is a mean over the class's images, so give it at least one");
      }
    }
    labels = labels.clone();
    if (groundSets != null) {
      if (groundSets.size() != classNames.size()) {
        throw new IllegalArgumentException(
            "groundSets: there are " + groundSets.size() + " ground sets for " + classNames.size() + " classes; give one per class");
      }
      List<int[]> copy = new ArrayList<>(groundSets.size());
      for (int y = 0; y < groundSets.size(); y++) {
        int[] g = groundSets.get(y).clone();
        boolean[] in = new boolean[k];
        for (int i : g) {
          if (i < 0 || i >= k) {
            throw new IllegalArgumentException(
                "groundSets: class \"" + classNames.get(y) + "\" lists candidate " + i + " but there are " + k + " candidates");
          }
          if (in[i]) {
            throw new IllegalArgumentException(
                "groundSets: class \"" + classNames.get(y) + "\" lists candidate " + i + " (\"" + candidates.concepts().get(i).text() + "\") twice");
          }
          in[i] = true;
        }
        copy.add(g);
      }
      groundSets = List.copyOf(copy);
    }
  }

  /** Which ground sets a concept that several classes proposed joins. */
  public enum SharedConcepts {
    /**
     * Only its first proposer's ({@link Concept#proposedBy()}), as LaBo's code does: it keeps each
     * concept once ({@code np.unique(…, return_index=True)} over the concepts of every class in
     * turn) and its {@code concept2cls} entry is that first occurrence's class.
     */
    FIRST_PROPOSER,
    /**
     * Every proposer's ({@link Concept#proposingClasses()}), as LaBo's paper reads ("the ground set
     * is the candidates generated for class y"): the concept competes in each, and may be picked
     * by several classes (it is then kept once).
     */
    EVERY_PROPOSER
  }

  /**
   * An input whose ground sets come from each candidate's proposing class, as LaBo's code forms
   * them ({@link SharedConcepts#FIRST_PROPOSER}). When some candidate names no class, the ground
   * sets are left out and only global budgets apply.
   *
   * @throws IllegalArgumentException naming the candidate when it names a class not in {@code classNames}
   */
  public static SelectionInput of(ConceptEmbeddings candidates, List<String> classNames, RowSource images, int[] labels) {
    Objects.requireNonNull(candidates, "candidates");
    List<int[]> sets = groundSets(candidates.concepts().concepts(), classNames, SharedConcepts.FIRST_PROPOSER, "");
    return new SelectionInput(candidates, classNames, sets, images, labels);
  }

  /**
   * Each class's candidates, from the classes that proposed them.
   *
   * @param concepts the candidates, in order
   * @param classNames the classes
   * @param shared which ground sets a concept several classes proposed joins
   * @param where appended to the error about a class not in {@code classNames} (what holds the
   *     concepts, and how to fix it), or empty
   * @return for each class the ascending indices of its candidates; null when some candidate names no class
   * @throws IllegalArgumentException naming the candidate when it names a class not in {@code classNames}
   */
  public static List<int[]> groundSets(List<Concept> concepts, List<String> classNames, SharedConcepts shared, String where) {
    Objects.requireNonNull(concepts, "concepts");
    Objects.requireNonNull(classNames, "classNames");
    Objects.requireNonNull(shared, "shared");
    Map<String, Integer> index = new HashMap<>();
    for (int y = 0; y < classNames.size(); y++) {
      index.putIfAbsent(classNames.get(y), y);
    }
    List<List<Integer>> sets = new ArrayList<>();
    for (int y = 0; y < classNames.size(); y++) {
      sets.add(new ArrayList<>());
    }
    boolean complete = true;
    for (int i = 0; i < concepts.size(); i++) {
      Concept c = concepts.get(i);
      List<String> proposers = c.proposingClasses();
      if (proposers.isEmpty()) {
        complete = false;
        continue;
      }
      for (String p : shared == SharedConcepts.FIRST_PROPOSER ? proposers.subList(0, 1) : proposers) {
        Integer y = index.get(p);
        if (y == null) {
          throw new IllegalArgumentException("candidates: \"" + c.text() + "\" was proposed by class \"" + p + "\", which is not among the "
              + classNames.size() + " classes" + (where.isEmpty() ? "; check the class names or give ground sets explicitly" : where));
        }
        List<Integer> set = sets.get(y);
        // Candidates are visited in ascending order, so a repeat can only be the last entry.
        if (set.isEmpty() || set.get(set.size() - 1) != i) {
          set.add(i);
        }
      }
    }
    if (!complete) {
      return null;
    }
    List<int[]> out = new ArrayList<>();
    for (List<Integer> s : sets) {
      out.add(s.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /** An input over a dataset's items at {@code imageIndices} (typically its training split). */
  public static SelectionInput of(ConceptEmbeddings candidates, Dataset dataset, int[] imageIndices) {
    return of(candidates, dataset.classNames(), dataset.embeddingsOf(imageIndices), dataset.labelsOf(imageIndices));
  }

  public int numClasses() {
    return classNames.size();
  }

  public int numCandidates() {
    return candidates.concepts().size();
  }

  /** The same input with explicit ground sets. */
  public SelectionInput withGroundSets(List<int[]> sets) {
    return new SelectionInput(candidates, classNames, sets, images, labels);
  }

  /**
   * Class {@code y}'s candidates.
   *
   * @throws IllegalArgumentException naming a candidate without a class when there are no ground sets
   */
  public int[] groundSet(int y) {
    if (groundSets == null) {
      String example = "";
      for (Concept c : candidates.concepts().concepts()) {
        if (c.proposingClasses().isEmpty()) {
          example = " (\"" + c.text() + "\" names none)";
          break;
        }
      }
      throw new IllegalArgumentException(
          "candidates: per-class budgets need each candidate's proposing class" + example
              + "; set Concept.proposedBy, give ground sets with withGroundSets, or use a global budget");
    }
    return groundSets.get(y);
  }
}
