package dev.glassbox.math;

import java.util.Arrays;

/**
 * A float32 tensor: a shape and its row-major values. The unit of exchange between
 * learned state and the tensor file of a model artifact.
 *
 * @param shape dimensions, outermost first; an empty shape is a scalar
 * @param data row-major values, length = product of the shape
 */
public record Tensor(int[] shape, float[] data) {
  public Tensor {
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("tensor dimension is negative: " + Arrays.toString(shape));
      }
      n *= s;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
    }
  }

  public static Tensor of(FloatMatrix m) {
    return new Tensor(new int[] {m.rows(), m.cols()}, m.data());
  }

  public static Tensor vector(float[] v) {
    return new Tensor(new int[] {v.length}, v);
  }

  /** This tensor as a matrix; requires rank 2. */
  public FloatMatrix asMatrix() {
    if (shape.length != 2) {
      throw new IllegalArgumentException("expected a 2-d tensor, got shape " + Arrays.toString(shape));
    }
    return FloatMatrix.wrap(shape[0], shape[1], data);
  }

  public int rank() {
    return shape.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && Arrays.equals(t.shape, shape) && Arrays.equals(t.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
