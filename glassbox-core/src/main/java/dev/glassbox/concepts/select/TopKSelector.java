package dev.glassbox.concepts.select;

import java.util.Objects;

/**
 * The top-k baselines of LaBo's ablations: for each class, its {@code k} candidates with the highest
 * score (ties by candidate index); for a global budget, the pool's {@code n} highest.
 *
 * @param budget how many concepts to keep. Default {@link Budget#defaults()}, 50 per class
 * @param ranking the score. Default {@link Ranking#MUTUAL_INFORMATION}
 * @param classSimilarity how {@code Sim(c, y)} is computed. Default {@link ClassSimilarity#DOT}, as LaBo
 * @param logitScale the scale of {@link ClassSimilarity#EXP_COSINE}, > 0. Default 100, CLIP's
 */
public record TopKSelector(Budget budget, Ranking ranking, ClassSimilarity classSimilarity, double logitScale)
    implements ConceptSelector {

  /** What the baseline ranks by. */
  public enum Ranking {
    /** LaBo's MI discriminability score ("group-MI top-k"). */
    MUTUAL_INFORMATION,
    /**
     * The mean image–concept score ("CLIP-score top-k"): per class, {@code Sim(c, y)} over the
     * class's images; for a global budget, the mean of {@code Sim(c, y)} over the classes.
     */
    CLASS_SIMILARITY
  }

  public TopKSelector {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(ranking, "ranking");
    Objects.requireNonNull(classSimilarity, "classSimilarity");
    if (!(logitScale > 0 && Double.isFinite(logitScale))) {
      throw new IllegalArgumentException("top-k selection logitScale must be > 0 and finite, got " + logitScale);
    }
  }

  public static TopKSelector defaults() {
    return new TopKSelector(Budget.defaults(), Ranking.MUTUAL_INFORMATION, ClassSimilarity.DOT, 100);
  }

  public TopKSelector withBudget(Budget v) {
    return new TopKSelector(v, ranking, classSimilarity, logitScale);
  }

  public TopKSelector withRanking(Ranking v) {
    return new TopKSelector(budget, v, classSimilarity, logitScale);
  }

  public TopKSelector withClassSimilarity(ClassSimilarity v) {
    return new TopKSelector(budget, ranking, v, logitScale);
  }

  @Override
  public String name() {
    return ranking == Ranking.MUTUAL_INFORMATION ? "top-k-mi" : "top-k-similarity";
  }

  @Override
  public ConceptSelection select(SelectionInput input) {
    Objects.requireNonNull(input, "input");
    // Ranking by similarity needs no MI score, whose weights need every Sim(c, y) > 0: so cosine and
    // dot similarities of encoders that give negative values can still be ranked.
    ClassConceptScores scores = ranking == Ranking.MUTUAL_INFORMATION
        ? Discriminability.scores(input, classSimilarity, logitScale)
        : Discriminability.similarityScores(input, classSimilarity);
    int n = input.numCandidates();
    return Selections.run(input, budget, 0L, name(), this, (group, y, ground, k, random) -> {
      if (ground.length <= k) {
        return new GroupSelection(group, ground, ground.clone(), Double.NaN, 0, true);
      }
      double[] score;
      if (ranking == Ranking.MUTUAL_INFORMATION) {
        score = scores.mutualInformation();
      } else {
        score = new double[n];
        for (int i : ground) {
          score[i] = y >= 0 ? scores.similarity(i, y) : scores.meanSimilarity(i);
        }
      }
      return new GroupSelection(group, ground, Selections.firstK(Selections.rankDescending(ground, score), k), Double.NaN, 0, false);
    });
  }
}
