package dev.glassbox.concepts.select;

import java.util.Objects;

/**
 * The random baseline of LaBo's ablations: for each class, {@code k} of its candidates drawn
 * uniformly without replacement (all of them when it has at most {@code k}); for a global budget,
 * {@code n} of the whole pool. Each class draws from its own child stream of {@code seed}, split in
 * class order, so the same seed gives the same selection.
 *
 * @param budget how many concepts to keep. Default {@link Budget#defaults()}, 50 per class
 * @param seed the root of the random streams. Default 0
 */
public record RandomSelector(Budget budget, long seed) implements ConceptSelector {
  public RandomSelector {
    Objects.requireNonNull(budget, "budget");
  }

  public static RandomSelector defaults() {
    return new RandomSelector(Budget.defaults(), 0L);
  }

  public RandomSelector withBudget(Budget v) {
    return new RandomSelector(v, seed);
  }

  public RandomSelector withSeed(long v) {
    return new RandomSelector(budget, v);
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public ConceptSelection select(SelectionInput input) {
    Objects.requireNonNull(input, "input");
    return Selections.run(input, budget, seed, name(), this, (group, y, ground, k, random) -> {
      if (ground.length <= k) {
        return new GroupSelection(group, ground, ground.clone(), Double.NaN, 0, true);
      }
      int[] a = ground.clone();
      for (int i = 0; i < k; i++) {
        int j = i + random.nextInt(a.length - i);
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
      return new GroupSelection(group, ground, Selections.firstK(a, k), Double.NaN, 0, false);
    });
  }
}
