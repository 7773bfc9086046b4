/**
 * The resumable image-embedding job behind {@code glassbox embed images}: parallel decoding and
 * preprocessing overlapped with batched ONNX inference, a staging directory with a journal forced to
 * disk at every batch, skipped images reported with their reasons, and the dataset directory written
 * atomically at the end ({@link dev.glassbox.encoders.embed.ImageEmbeddingJob}).
 */
package dev.glassbox.encoders.embed;
