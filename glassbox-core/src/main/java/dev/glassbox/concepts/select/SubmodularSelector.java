package dev.glassbox.concepts.select;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import java.util.Objects;

/**
 * LaBo's submodular concept selection (Yang et al., "Language in a Bottle", CVPR 2023): for each
 * class, among the candidates generated for it, the set {@code S} of at most {@code k} concepts
 * that maximises {@code F(S) = α·Σ_{c∈S} MI(c) + β·coverage(S)}, where {@code MI} is the
 * {@link Discriminability} score over all candidates and classes and the coverage term is the
 * paper's or the released code's facility location ({@link SubmodularConfig.Profile}).
 *
 * <p>Classes with no more candidates than the budget keep all of them, as LaBo does. The union of
 * the classes' picks is the selected set. A global budget runs one maximisation over the whole
 * pool instead, with coverage over all candidates.
 *
 * <p>Cost: the paper profile holds the class's {@code [m × m]} cosine matrix, computed by one BLAS
 * product, when it has at most {@value #DENSE_LIMIT} entries (m ≤ 5,792), and otherwise computes
 * rows on demand in blocks ({@link CosineFacilityLocation}); every gain is one pass over a row.
 * Lazy greedy computes about {@code 2m + (a few)·k} gains per class where plain greedy computes
 * about {@code m·k}: with CLIP-like embeddings every candidate covers every other at a cosine of
 * 0.6–0.8, so the first pick collapses all gains and every stale bound must be refreshed once.
 * Global budgets on the paper profile over pools beyond the dense limit are correct but slow
 * (re-evaluations in bound order rarely hit a cached block, and each miss is a pass over all
 * embeddings); use per-class budgets there. With {@code β = 0} (LaBo's ImageNet setting) the
 * objective is modular and no similarity is computed at all.
 */
public final class SubmodularSelector implements ConceptSelector {
  /** The largest similarity matrix held densely: 2²⁵ floats, 128 MiB. */
  public static final long DENSE_LIMIT = 1L << 25;

  private static final long BLOCK_CACHE_BYTES = 256L << 20;

  private final SubmodularConfig config;

  public SubmodularSelector(SubmodularConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public static SubmodularSelector defaults() {
    return new SubmodularSelector(SubmodularConfig.defaults());
  }

  public SubmodularConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "labo-submodular";
  }

  @Override
  public ConceptSelection select(SelectionInput input) {
    Objects.requireNonNull(input, "input");
    ClassConceptScores scores = Discriminability.scores(input, config.classSimilarity(), config.logitScale());
    Objectives objectives = new Objectives(config, input, scores);
    return Selections.run(input, config.budget(), config.seed(), name(), config, (group, y, ground, k, random) -> {
      if (ground.length == 0) {
        return new GroupSelection(group, ground, new int[0], 0, 0, true);
      }
      SubmodularFunction f = objectives.build(ground);
      if (ground.length <= k) {
        f.reset();
        for (int j = 0; j < ground.length; j++) {
          f.add(j);
        }
        return new GroupSelection(group, ground, ground.clone(), f.value(), 0, true);
      }
      GreedyResult r = config.optimizer().maximize(f, k, random, config.epsilon());
      int[] picked = new int[r.picks().length];
      for (int i = 0; i < picked.length; i++) {
        picked[i] = ground[r.picks()[i]];
      }
      return new GroupSelection(group, ground, picked, r.value(), r.gainEvaluations(), false);
    });
  }

  /**
   * The objectives this selector maximises, one per ground set: {@link Objectives#build} gives the
   * function over candidates {@code ground} (item {@code j} is candidate {@code ground[j]}). Exposed
   * for benchmarks and tests that drive the maximisers directly; the normalised embeddings are
   * computed once and shared by every objective it builds.
   */
  public Objectives objectives(SelectionInput input, ClassConceptScores scores) {
    return new Objectives(config, input, scores);
  }

  /** Scores for {@code input} as this selector computes them. */
  public ClassConceptScores scores(SelectionInput input) {
    return Discriminability.scores(input, config.classSimilarity(), config.logitScale());
  }

  /** Builds per-group objectives of one input, sharing the normalised embeddings between groups. */
  public static final class Objectives {
    private final SubmodularConfig config;
    private final ClassConceptScores scores;
    private final FloatMatrix embeddings;
    private FloatMatrix unit;

    private Objectives(SubmodularConfig config, SelectionInput input, ClassConceptScores scores) {
      this.config = config;
      this.scores = scores;
      this.embeddings = input.candidates().embeddings();
      if (scores.mutualInformation().length != embeddings.rows()) {
        throw new IllegalArgumentException(
            "scores: MI scores for " + scores.mutualInformation().length + " candidates but the input has " + embeddings.rows());
      }
    }

    private FloatMatrix unit() {
      if (unit == null) {
        unit = Matrices.normalizeRows(embeddings);
      }
      return unit;
    }

    /** The objective over candidates {@code ground}: item {@code j} is candidate {@code ground[j]}. */
    public SubmodularFunction build(int[] ground) {
      int m = ground.length;
      double[] modular = new double[m];
      double[] mi = scores.mutualInformation();
      for (int j = 0; j < m; j++) {
        modular[j] = config.alpha() * mi[ground[j]];
      }
      if (config.beta() == 0) {
        // No coverage term: the similarity matrix would only be multiplied by zero.
        return new ModularFunction(modular);
      }
      return switch (config.profile()) {
        case PAPER -> {
          FloatMatrix u = unit().selectRows(ground);
          if ((long) m * m <= DENSE_LIMIT) {
            FloatMatrix s = Kernels.multiplyTransposed(u, u);
            yield new FacilityLocation(s.data(), m, m, modular, config.beta());
          }
          yield new CosineFacilityLocation(u, modular, config.beta(), BLOCK_CACHE_BYTES);
        }
        case CODE -> {
          FloatMatrix t = config.classSimilarity().normalizes() ? unit() : embeddings;
          int d = t.cols();
          int q = d + 1;
          float[] x = new float[m * q];
          float[] td = t.data();
          for (int j = 0; j < m; j++) {
            x[j * q] = (float) modular[j];
            System.arraycopy(td, ground[j] * d, x, j * q + 1, d);
          }
          yield new FacilityLocation(x, m, q, modular, config.beta());
        }
      };
    }
  }
}
