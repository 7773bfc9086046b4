/**
 * The linear-probe baseline that LaBo and CoOp compare against: L2 logistic regression on raw image
 * embeddings, C chosen on validation by a coarse grid and a log-space binary search
 * ({@link dev.glassbox.methods.probe.CSearch}). Registered as {@code --method probe}.
 */
package dev.glassbox.methods.probe;
