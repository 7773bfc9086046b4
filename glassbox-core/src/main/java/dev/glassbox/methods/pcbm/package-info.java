/**
 * Post-hoc Concept Bottleneck Models (Yuksekgonul, Wang &amp; Zou, "Post-hoc Concept Bottleneck
 * Models", ICLR 2023): concepts defined by example images or by text, and a hybrid that loses no
 * accuracy.
 *
 * <ul>
 *   <li>{@link dev.glassbox.methods.pcbm.CavTrainer} learns a concept bank of CAVs: per concept a
 *       linear SVM ({@link dev.glassbox.methods.pcbm.LinearSvm}, scikit-learn SVC's objective, by
 *       SMO) on positive and negative example embeddings
 *       ({@link dev.glassbox.methods.pcbm.ConceptExamples}, from a
 *       {@link dev.glassbox.methods.pcbm.ConceptExampleFile} or a dataset's ground truth), C chosen
 *       on held-out examples; the score is the signed margin, and each concept keeps its
 *       {@link dev.glassbox.methods.pcbm.CavRecord} with {@link dev.glassbox.methods.pcbm.MarginStatistics}.
 *       {@link dev.glassbox.methods.pcbm.ConceptBank#fromText} is the text-defined bank.
 *   <li>{@link dev.glassbox.methods.pcbm.PcbmMethod} ({@code --method pcbm}) puts the elastic-net
 *       head on the bank with PCBM's profile; {@link dev.glassbox.methods.pcbm.PcbmHybridMethod}
 *       ({@code --method pcbm-h}) adds the residual layer of
 *       {@link dev.glassbox.methods.pcbm.ResidualHeadTrainer}.
 *   <li>{@link dev.glassbox.methods.pcbm.SpuriousEditExperiment} measures PCBM's global edits
 *       (zero, and zero with renormalisation: {@link dev.glassbox.edit.ModelEdit.ZeroRenormalized})
 *       on a world with spurious concepts ({@link dev.glassbox.synth.SpuriousSynth}).
 * </ul>
 *
 * <p>Implemented from the paper and the method reference; no code of the authors' repository.
 */
package dev.glassbox.methods.pcbm;
