package dev.glassbox.world;

import dev.glassbox.data.Split;

/**
 * The ground truth of one drawn image.
 *
 * @param index position in the world
 * @param id stable item id, {@code <species slug>/<4-digit number within the species>}
 * @param species species index
 * @param split stratified split
 * @param presentConcepts indices of the concepts the bird was drawn with, ascending; a concept is
 *     present when its attribute value was drawn, even if an occluder hides it
 * @param partPixels pixels of each part (indexed by {@link Part#ordinal()}) before occluders:
 *     what was drawn of the part on top of earlier parts
 * @param visiblePixels pixels of each part that remain visible after occluders
 * @param bodyLengthPixels drawn body length in pixels (small birds are shorter than large ones)
 * @param spec the spec the image was drawn from (traits, pose, background, occluder)
 */
public record ImageRecord(
    int index, String id, int species, Split split, int[] presentConcepts,
    int[] partPixels, int[] visiblePixels, double bodyLengthPixels, ImageSpec spec) {

  /** True when concept {@code k} is present. */
  public boolean isPresent(int k) {
    return java.util.Arrays.binarySearch(presentConcepts, k) >= 0;
  }

  /** Share of {@code part}'s drawn pixels still visible after occlusion, in [0, 1] (1 when nothing was drawn). */
  public double visibleFraction(Part part) {
    int all = partPixels[part.ordinal()];
    return all == 0 ? 1.0 : visiblePixels[part.ordinal()] / (double) all;
  }
}
