package dev.glassbox.concepts.filter;

import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.RowSource;
import java.util.List;
import java.util.Objects;

/**
 * What filters may need besides the candidates. Each part is optional; a filter that needs a
 * missing part says which and how to supply it.
 *
 * @param classNames the class names (class-name overlap), possibly empty
 * @param classNameEmbeddings {@code [classNames × d]} the class names encoded by the same text
 *     encoder as the candidates, or null (class-name similarity)
 * @param trainingImages {@code [numImages × d]} training image embeddings in the candidates' space,
 *     or null (low activation, non-visual)
 * @param nonVisualProbes phrases known to be non-visual ({@link NonVisualFilter#DEFAULT_PROBES})
 *     encoded by the candidates' text encoder, or null (optional calibration of the non-visual filter)
 * @param trainingLabels class index of each training image (into {@code classNames}), or null
 *     (class grounding)
 */
public record FilterContext(
    List<String> classNames, FloatMatrix classNameEmbeddings, RowSource trainingImages, ConceptEmbeddings nonVisualProbes,
    int[] trainingLabels) {

  /** A context without training labels. */
  public FilterContext(List<String> classNames, FloatMatrix classNameEmbeddings, RowSource trainingImages, ConceptEmbeddings nonVisualProbes) {
    this(classNames, classNameEmbeddings, trainingImages, nonVisualProbes, null);
  }

  public FilterContext {
    classNames = classNames == null ? List.of() : List.copyOf(classNames);
    if (classNameEmbeddings != null) {
      if (classNameEmbeddings.rows() != classNames.size()) {
        throw new IllegalArgumentException(
            "classNameEmbeddings: " + classNameEmbeddings.rows() + " rows for " + classNames.size() + " class names; encode each class name once, in order");
      }
      long bad = classNameEmbeddings.firstNonFinite();
      if (bad >= 0) {
        throw new IllegalArgumentException(
            "classNameEmbeddings: the embedding of class \"" + classNames.get((int) (bad / classNameEmbeddings.cols()))
                + "\" holds a non-finite value " + classNameEmbeddings.data()[(int) bad] + "; re-encode it");
      }
    }
  }

  /** No context: enough for the length filter and for exact class-name matches of no classes. */
  public static FilterContext empty() {
    return new FilterContext(List.of(), null, null, null);
  }

  /** Class names only. */
  public static FilterContext of(List<String> classNames) {
    return new FilterContext(classNames, null, null, null);
  }

  public FilterContext withClassNames(List<String> names, FloatMatrix embeddings) {
    return new FilterContext(names, embeddings, trainingImages, nonVisualProbes, trainingLabels);
  }

  public FilterContext withTrainingImages(RowSource images) {
    return new FilterContext(classNames, classNameEmbeddings, Objects.requireNonNull(images, "trainingImages"), nonVisualProbes,
        trainingLabels);
  }

  /** Training images with their class indices (into {@link #classNames()}), for class grounding. */
  public FilterContext withTrainingImages(RowSource images, int[] labels) {
    Objects.requireNonNull(labels, "trainingLabels");
    if (labels.length != images.rows()) {
      throw new IllegalArgumentException("trainingLabels: " + labels.length + " labels for " + images.rows() + " training images");
    }
    return new FilterContext(classNames, classNameEmbeddings, Objects.requireNonNull(images, "trainingImages"), nonVisualProbes, labels);
  }

  public FilterContext withNonVisualProbes(ConceptEmbeddings probes) {
    return new FilterContext(classNames, classNameEmbeddings, trainingImages, probes, trainingLabels);
  }
}
