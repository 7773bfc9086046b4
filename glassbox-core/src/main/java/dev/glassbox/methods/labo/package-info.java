/**
 * LaBo (Yang et al., "Language in a Bottle: Language Model Guided Concept Bottlenecks for
 * Interpretable Image Classification", CVPR 2023): a class–concept association matrix initialised
 * from the language prior (the concepts a language model proposed for each class), a softmax over
 * concepts per class, and logits {@code s·(x·Tᵀ)·softmax(W)ᵀ}, trained by Adam with a
 * best-validation checkpoint ({@link dev.glassbox.methods.labo.LaboTrainer}); optionally preceded by
 * LaBo's submodular concept selection ({@link dev.glassbox.concepts.select.SubmodularSelector}).
 * {@link dev.glassbox.methods.labo.LaboMethod} registers it as {@code --method labo}.
 */
package dev.glassbox.methods.labo;
