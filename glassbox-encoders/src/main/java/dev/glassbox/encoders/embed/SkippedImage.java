package dev.glassbox.encoders.embed;

import dev.glassbox.encoders.image.ImageDecodeException.Reason;

/**
 * An image left out of an embedding cache, and why.
 *
 * @param index the item's position in the sorted collection
 * @param id the item id
 * @param path the image file
 * @param reason the kind of failure, for grouping
 * @param message what exactly was wrong
 */
public record SkippedImage(int index, String id, String path, Reason reason, String message) {}
