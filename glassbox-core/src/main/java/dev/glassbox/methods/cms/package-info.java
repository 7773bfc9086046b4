/**
 * Sparse-CBM's training-free Concept Matrix Search (Semenov et al., "Sparse Concept Bottleneck
 * Models: Gumbel Tricks in Contrastive Learning", 2024), both decision rules, as concept bottleneck
 * models. Registered as {@code --method cms}.
 */
package dev.glassbox.methods.cms;
