package dev.glassbox.concepts.select;

/**
 * A coverage function whose marginal gain of an item is a sum of per-customer terms that are
 * positive only on the item's <em>support</em> (the customers it still improves) and exactly zero
 * elsewhere. As the set grows the support only shrinks, so {@link Greedy#LAZY} can keep each item's
 * support from its last evaluation and re-evaluate over it alone.
 *
 * <p>Contract: {@link #gainOnSupport} returns bit-for-bit the value {@link SubmodularFunction#gain}
 * returns, provided {@code support} holds (ascending) every customer whose term is non-zero; it
 * compacts {@code support} to the customers whose terms are still positive.
 */
interface CoverageSupport {
  /** The number of customers. */
  int customers();

  /**
   * The gain of item {@code j} summed over {@code support[0, len)} (ascending), which must contain
   * every customer with a positive term; writes the still-positive customers back to the front of
   * {@code support} and their count to {@code newLen[0]}.
   */
  double gainOnSupport(int j, int[] support, int len, int[] newLen);

  /**
   * The dense gain of item {@code j} ({@link SubmodularFunction#gain}), also writing its support
   * (ascending) to {@code support} and its length to {@code newLen[0]}: the first evaluation of an
   * item, before it has a support.
   */
  double gainAndSupport(int j, int[] support, int[] newLen);
}
