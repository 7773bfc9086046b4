package dev.glassbox.world;

/**
 * A generated caption of an image with the concepts it names.
 *
 * @param text the caption ("a photo of a small bird with a yellow crown and striped wings")
 * @param concepts indices of the concepts named, in order of mention; all present in the image
 */
public record Caption(String text, int[] concepts) {}
