package dev.glassbox.concepts.select;

/**
 * {@code F(S) = Σ_{j∈S} w_j}: LaBo's objective with no coverage term ({@code β = 0}, its ImageNet
 * setting). The gains are the weights and never change, so greedy takes the items by weight (ties
 * by index) — the same picks as the coverage objective with {@code β = 0}, without building or
 * reading a similarity matrix.
 */
final class ModularFunction implements SubmodularFunction {
  private final double[] weights;
  private double sum;

  /** @param weights {@code w_j ≥ 0} (not copied) */
  ModularFunction(double[] weights) {
    this.weights = weights;
  }

  @Override
  public int size() {
    return weights.length;
  }

  @Override
  public double gain(int j) {
    return weights[j];
  }

  @Override
  public void add(int j) {
    sum += weights[j];
  }

  @Override
  public double value() {
    return sum;
  }

  @Override
  public void reset() {
    sum = 0;
  }
}
