package dev.glassbox.concepts.select;

import java.util.Objects;

/**
 * Settings of LaBo's submodular concept selection (Yang et al., CVPR 2023; methods.md §1):
 * per class, maximise {@code F(S) = α·Σ_{c∈S} MI(c) + β·coverage(S)} over the class's candidates.
 *
 * @param profile which coverage term: the paper's or the released code's. Default
 *     {@link Profile#PAPER}; see there for why
 * @param alpha the weight α of the MI discriminability term, ≥ 0 and finite. Default 1e7, LaBo's
 *     value for every dataset but ImageNet (1e8)
 * @param beta the weight β of the coverage term, ≥ 0 and finite. Default 0.1, LaBo's CUB
 *     full-data value (its configs range from 0, pure discriminability, on ImageNet to 100 on
 *     UCF101 16-shot; CIFAR-10 full uses 5)
 * @param budget how many concepts to keep. Default {@link Budget#defaults()}: 50 per class, LaBo's
 *     {@code num_concept = 50 × |Y|}; a class with no more candidates than its budget keeps all
 * @param optimizer the greedy maximiser. Default {@link Greedy#LAZY}, which returns exactly the
 *     picks of {@link Greedy#PLAIN} (LaBo's naive greedy) with far fewer gain evaluations
 * @param epsilon the accuracy ε of {@link Greedy#STOCHASTIC}, in (0, 1); ignored otherwise.
 *     Default 0.01, giving samples of {@code (n/k)·ln 100 ≈ 4.6·n/k} items per step
 * @param seed the root of the random streams (stochastic greedy); one child per class, split in
 *     class order. Default 0
 * @param classSimilarity how {@code Sim(c, y)} is computed. Default {@link ClassSimilarity#DOT},
 *     LaBo's raw dot products
 * @param logitScale the scale of {@link ClassSimilarity#EXP_COSINE}, > 0 and finite; ignored
 *     otherwise. Default 100, CLIP's logit scale
 */
public record SubmodularConfig(
    Profile profile, double alpha, double beta, Budget budget, Greedy optimizer, double epsilon, long seed,
    ClassSimilarity classSimilarity, double logitScale) {

  /** The coverage term of the objective. */
  public enum Profile {
    /**
     * The paper's objective: facility location over cosine similarities of the class's candidate
     * text embeddings, {@code β·Σ_{i∈V_y} max(0, max_{j∈S} cos(t_i, t_j))} (the 0 is the value of the
     * empty set). The default: it is the objective the paper states, it rewards covering the
     * class's candidate pool, and it depends only on angles between concepts, so it is unchanged
     * by a rotation or rescaling of the embedding space and means the same for every encoder.
     */
    PAPER,
    /**
     * What the released code computes with apricot 0.6.1 once its input check is bypassed
     * (methods.md §1, "What the released selection code actually optimises"): facility location
     * with a precomputed metric run on {@code X = [α·MI | embedding]} itself, so the greedy gain is
     * {@code α·MI_i + β·Σ_j (max(X_ij, cur_j) − cur_j)} over X's columns, {@code cur} the running
     * column-wise maximum starting at 0. The embedding is the raw text embedding for
     * {@link ClassSimilarity#DOT} and the normalised one otherwise. Use it to reproduce LaBo's
     * released selections; it depends on the embedding's coordinates, not only on its geometry.
     */
    CODE
  }

  public SubmodularConfig {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(classSimilarity, "classSimilarity");
    check(alpha >= 0 && Double.isFinite(alpha), "alpha", "≥ 0 and finite", alpha);
    check(beta >= 0 && Double.isFinite(beta), "beta", "≥ 0 and finite", beta);
    check(epsilon > 0 && epsilon < 1, "epsilon", "in (0, 1)", epsilon);
    check(logitScale > 0 && Double.isFinite(logitScale), "logitScale", "> 0 and finite", logitScale);
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("submodular selection " + name + " must be " + range + ", got " + value);
    }
  }

  public static SubmodularConfig defaults() {
    return new SubmodularConfig(Profile.PAPER, 1e7, 0.1, Budget.defaults(), Greedy.LAZY, 0.01, 0L, ClassSimilarity.DOT, 100);
  }

  public SubmodularConfig withProfile(Profile v) {
    return new SubmodularConfig(v, alpha, beta, budget, optimizer, epsilon, seed, classSimilarity, logitScale);
  }

  public SubmodularConfig withAlpha(double v) {
    return new SubmodularConfig(profile, v, beta, budget, optimizer, epsilon, seed, classSimilarity, logitScale);
  }

  public SubmodularConfig withBeta(double v) {
    return new SubmodularConfig(profile, alpha, v, budget, optimizer, epsilon, seed, classSimilarity, logitScale);
  }

  public SubmodularConfig withBudget(Budget v) {
    return new SubmodularConfig(profile, alpha, beta, v, optimizer, epsilon, seed, classSimilarity, logitScale);
  }

  public SubmodularConfig withOptimizer(Greedy v) {
    return new SubmodularConfig(profile, alpha, beta, budget, v, epsilon, seed, classSimilarity, logitScale);
  }

  public SubmodularConfig withEpsilon(double v) {
    return new SubmodularConfig(profile, alpha, beta, budget, optimizer, v, seed, classSimilarity, logitScale);
  }

  public SubmodularConfig withSeed(long v) {
    return new SubmodularConfig(profile, alpha, beta, budget, optimizer, epsilon, v, classSimilarity, logitScale);
  }

  public SubmodularConfig withClassSimilarity(ClassSimilarity v) {
    return new SubmodularConfig(profile, alpha, beta, budget, optimizer, epsilon, seed, v, logitScale);
  }

  public SubmodularConfig withLogitScale(double v) {
    return new SubmodularConfig(profile, alpha, beta, budget, optimizer, epsilon, seed, classSimilarity, v);
  }
}
