package dev.glassbox.encoders.image;

/** How an image is brought to the model's square input. */
public enum ResizeMode {
  /**
   * CLIP's: resize so that the shorter side equals the size (the longer side
   * {@code (int)(size * long / short)}), then crop the centre square, offsets rounded half to even as
   * torchvision's {@code CenterCrop} does.
   */
  SHORTEST_EDGE_CENTER_CROP,
  /** Resize both sides to the size, ignoring the aspect ratio (SigLIP's preprocessing). */
  SQUASH
}
