package dev.glassbox.world;

import java.util.Locale;

/** The scene behind a bird. Chosen uniformly and independently of the species. */
public enum Background {
  SKY, FOLIAGE, WATER, SAND, REEDS;

  /** The lower-case name used in files. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
