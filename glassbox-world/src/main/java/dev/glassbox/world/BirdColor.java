package dev.glassbox.world;

import java.awt.Color;
import java.util.Locale;

/**
 * The named plumage palette of the world: twelve colours, each drawn from one fixed sRGB value
 * (varied a little in brightness per image). Names are the words used in concept phrases.
 */
public enum BirdColor {
  RED(205, 38, 42),
  ORANGE(242, 128, 30),
  YELLOW(250, 214, 48),
  OLIVE(114, 132, 42),
  GREEN(46, 158, 72),
  BLUE(44, 96, 208),
  BROWN(122, 74, 40),
  BUFF(228, 198, 148),
  GREY(146, 149, 153),
  BLACK(30, 30, 33),
  WHITE(246, 246, 241),
  PINK(234, 148, 164);

  private final int r;
  private final int g;
  private final int b;

  BirdColor(int r, int g, int b) {
    this.r = r;
    this.g = g;
    this.b = b;
  }

  /** The lower-case name used in phrases and files ("red", "buff"). */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The nominal sRGB colour. */
  public Color rgb() {
    return new Color(r, g, b);
  }

  /** Relative luminance in [0, 1] (Rec. 601 weights), used to pick a contrasting pattern ink. */
  public double luminance() {
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
  }

  /** The colour named {@code word}, case-insensitively. */
  public static BirdColor ofWord(String word) {
    for (BirdColor c : values()) {
      if (c.word().equalsIgnoreCase(word)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown colour \"" + word + "\"; the palette has " + java.util.Arrays.toString(words()));
  }

  /** The palette's words, in palette order. */
  public static String[] words() {
    BirdColor[] v = values();
    String[] out = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i].word();
    }
    return out;
  }
}
