package dev.glassbox.world;

import java.awt.image.BufferedImage;
import java.util.BitSet;

/**
 * One drawn image with its exact ground truth.
 *
 * @param image the RGB image, {@code size × size}
 * @param partMap one label per pixel, row-major: 0 background, {@link Part#label()} for a bird part,
 *     {@link Part#OCCLUDER_LABEL} for a foreground occluder. Owned by this object; do not modify
 * @param record species, split, present concepts and per-part pixel counts
 */
public record RenderedBird(BufferedImage image, byte[] partMap, ImageRecord record) {

  /** The side of the (square) image. */
  public int size() {
    return image.getWidth();
  }

  /** The visible pixels of {@code part}, as a bit per pixel (row-major). */
  public BitSet mask(Part part) {
    BitSet out = new BitSet(partMap.length);
    byte label = (byte) part.label();
    for (int i = 0; i < partMap.length; i++) {
      if (partMap[i] == label) {
        out.set(i);
      }
    }
    return out;
  }

  /** The label of pixel (x, y). */
  public int label(int x, int y) {
    return partMap[y * size() + x] & 0xFF;
  }
}
