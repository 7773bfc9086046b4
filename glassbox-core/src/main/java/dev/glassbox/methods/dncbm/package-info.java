/**
 * Discover-then-Name concept bottlenecks (Rao, Mahajan, Böhle &amp; Schiele, "Discover-then-Name:
 * Task-Agnostic Concept Bottlenecks via Automated Concept Discovery", ECCV 2024): concepts nobody
 * had to write down.
 *
 * <ul>
 *   <li><b>Discover</b>: {@link dev.glassbox.methods.dncbm.SparseAutoencoderTrainer} trains a sparse
 *       autoencoder on image embeddings (tied pre-bias, ReLU encoder, unit-norm decoder atoms,
 *       squared error + λ·L1, Adam, dead-atom resampling from high-loss inputs) with the fused,
 *       allocation-free step of {@link dev.glassbox.methods.dncbm.SaeTrainingStep}; its result is a
 *       {@link dev.glassbox.bottleneck.SparseAutoencoderBottleneck}.
 *       {@link dev.glassbox.methods.dncbm.SaeDiagnostics} measures reconstruction R², dead atoms and
 *       sparsity.
 *   <li><b>Name</b>: {@link dev.glassbox.methods.dncbm.AtomNaming} gives each atom the nearest
 *       vocabulary text embedding (cosmetic).
 *   <li><b>Probe</b>: {@link dev.glassbox.methods.dncbm.L1ProbeTrainer}, an L1-penalised linear layer
 *       without bias on the codes.
 * </ul>
 *
 * {@link dev.glassbox.methods.dncbm.DncbmMethod} ({@code --method dncbm}) runs the three steps with
 * the profiles of the DN-CBM README, its argparse defaults and its released probe configs.
 * Implemented from the paper and the method reference; no code of the authors' repository.
 */
package dev.glassbox.methods.dncbm;
