/**
 * Encoders run by ONNX Runtime: the towers of CLIP-family exports found in a model directory
 * ({@link dev.glassbox.encoders.onnx.ClipModelDirectory}, {@link
 * dev.glassbox.encoders.onnx.OnnxClipImageEncoder}, {@link dev.glassbox.encoders.onnx.OnnxClipTextEncoder})
 * and the bundled all-MiniLM-L6-v2 sentence encoder ({@link
 * dev.glassbox.encoders.onnx.MiniLmTextEncoder}). All hold native sessions and are {@code AutoCloseable}.
 */
package dev.glassbox.encoders.onnx;
