package dev.glassbox.synth;

import dev.glassbox.data.Dataset;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;

/**
 * A generated dataset with its known structure.
 *
 * @param dataset the labelled image-side embeddings, with ground truth (each class's true concepts)
 * @param concepts the concepts' text-side embeddings
 * @param directions {@code [concepts × dim]} the true unit concept directions in image space
 */
public record SynthData(Dataset dataset, ConceptEmbeddings concepts, FloatMatrix directions) {}
