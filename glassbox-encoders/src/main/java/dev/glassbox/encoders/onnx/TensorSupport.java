package dev.glassbox.encoders.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/** Builds integer ONNX Runtime tensors in the element type a graph input wants. */
final class TensorSupport {
  private TensorSupport() {}

  static OnnxTensor ints(OrtEnvironment env, long[] values, int offset, int length, long[] shape, OnnxJavaType type)
      throws OrtException {
    if (type == OnnxJavaType.INT32) {
      int[] v = new int[length];
      for (int i = 0; i < length; i++) {
        v[i] = Math.toIntExact(values[offset + i]);
      }
      return OnnxTensor.createTensor(env, IntBuffer.wrap(v), shape);
    }
    return OnnxTensor.createTensor(env, LongBuffer.wrap(values, offset, length), shape);
  }
}
