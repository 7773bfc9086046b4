/**
 * Concept selection: choosing a readable, discriminative, non-redundant subset of candidate
 * concepts under a budget.
 *
 * <p>The main strategy is LaBo's submodular selection (Yang et al., "Language in a Bottle:
 * Language Model Guided Concept Bottlenecks for Interpretable Image Classification", CVPR 2023):
 * a mutual-information discriminability score plus a facility-location coverage term, maximised
 * per class by greedy search ({@link dev.glassbox.concepts.select.SubmodularSelector}). The
 * maximisers ({@link dev.glassbox.concepts.select.Greedy}) are the plain greedy reference, lazy
 * greedy (Minoux 1978) which returns exactly the same picks, and stochastic greedy
 * (Mirzasoleiman et al., "Lazier Than Lazy Greedy", AAAI 2015) for large pools. Random and top-k
 * baselines share the same budgets.
 */
package dev.glassbox.concepts.select;
