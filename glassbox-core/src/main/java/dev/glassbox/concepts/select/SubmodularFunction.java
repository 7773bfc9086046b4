package dev.glassbox.concepts.select;

/**
 * A monotone submodular set function over items {@code 0..size()-1}, with the state of a growing
 * set {@code S}: the greedy maximisers query marginal gains {@code F(S ∪ {j}) − F(S)} and add items.
 *
 * <p>Contract the maximisers rely on (so that lazy and plain greedy return identical picks): a
 * gain is a pure function of the current set, computed the same way every time, and as the set
 * grows the computed gain of an item never increases — exactly, in floating point, not only up to
 * rounding. {@link FacilityLocation} guarantees this by summing the same rounded, monotone terms
 * in a fixed order.
 */
public interface SubmodularFunction {
  /** The number of items in the ground set. */
  int size();

  /** {@code F(S ∪ {j}) − F(S)} for the current set {@code S}; {@code j} not in {@code S}. */
  double gain(int j);

  /** The gains of {@code items[0..count)} into {@code out[0..count)}; the same values as {@link #gain}. */
  default void gains(int[] items, int count, double[] out) {
    for (int i = 0; i < count; i++) {
      out[i] = gain(items[i]);
    }
  }

  /** Adds {@code j} to the set. */
  void add(int j);

  /** {@code F(S)} for the current set. */
  double value();

  /** Empties the set. */
  void reset();
}
