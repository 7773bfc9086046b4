package dev.glassbox.world;

import dev.glassbox.data.Split;
import java.util.Objects;

/**
 * Everything decided about one image before it is drawn: its species, the traits drawn from the
 * species' table, pose, background, occluder and the seed of its fine detail (textures, leaf
 * positions). Rendering an {@code ImageSpec} always gives the same pixels.
 *
 * @param index position of the image in the world
 * @param species index of the species (into {@link World#species()})
 * @param split the stratified split the image belongs to
 * @param traits the attribute values drawn
 * @param pose placement of the bird
 * @param background the scene behind the bird
 * @param occluder what hides part of the bird, if anything
 * @param detailSeed seed of the fine detail
 */
public record ImageSpec(int index, int species, Split split, Traits traits, Pose pose, Background background, Occluder occluder, long detailSeed) {
  public ImageSpec {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(traits, "traits");
    Objects.requireNonNull(pose, "pose");
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(occluder, "occluder");
  }
}
