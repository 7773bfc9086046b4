package dev.glassbox.world;

import java.util.Locale;

/** What, if anything, is drawn in front of the bird and hides part of it. */
public enum Occluder {
  NONE, LEAVES, TWIG;

  /** The lower-case name used in files. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
