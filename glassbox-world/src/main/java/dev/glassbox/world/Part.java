package dev.glassbox.world;

/**
 * The ten body parts of a world bird, after CUB-200's part vocabulary. Each part has a label id in
 * the per-image part map ({@link #label()}, 1–10); label {@link #BACKGROUND_LABEL} marks pixels
 * that show no bird and {@link #OCCLUDER_LABEL} pixels where a foreground leaf or twig hides
 * whatever lies behind it.
 *
 * <p>The throat and cheek are drawn in the breast colour and labelled {@link #BREAST}; the crest is
 * part of the {@link #CROWN}; the eye ring and eye mask are part of the {@link #EYE}.
 */
public enum Part {
  CROWN("crown"),
  NAPE("nape"),
  BACK("back"),
  WING("wings"),
  BREAST("breast"),
  BELLY("belly"),
  TAIL("tail"),
  BILL("bill"),
  EYE("eye"),
  LEG("legs");

  /** Label of pixels that show no bird and no occluder. */
  public static final int BACKGROUND_LABEL = 0;
  /** Label of pixels covered by a foreground occluder (leaves or a twig). */
  public static final int OCCLUDER_LABEL = 11;

  private final String noun;

  Part(String noun) {
    this.noun = noun;
  }

  /** The noun used in concept phrases ("crown", "wings", "legs"). */
  public String noun() {
    return noun;
  }

  /** The lower-case name used in files ("crown", "wing", "leg"). */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** This part's label in a part map: 1 for {@link #CROWN} up to 10 for {@link #LEG}. */
  public int label() {
    return ordinal() + 1;
  }

  /** The part with label {@code label} (1–10). */
  public static Part ofLabel(int label) {
    if (label < 1 || label > values().length) {
      throw new IllegalArgumentException("part label must be in [1, " + values().length + "], got " + label);
    }
    return values()[label - 1];
  }
}
