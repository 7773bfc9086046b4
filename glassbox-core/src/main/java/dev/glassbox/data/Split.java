package dev.glassbox.data;

import java.util.Locale;

/** The partition an item belongs to. */
public enum Split {
  TRAIN("train"),
  VALIDATION("val"),
  TEST("test");

  private final String code;

  Split(String code) {
    this.code = code;
  }

  /** The short name used in dataset indexes: {@code train}, {@code val}, {@code test}. */
  public String code() {
    return code;
  }

  /** Parses {@code train}, {@code val}/{@code validation} or {@code test}, case-insensitively. */
  public static Split parse(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "train" -> TRAIN;
      case "val", "valid", "validation" -> VALIDATION;
      case "test" -> TEST;
      default -> throw new IllegalArgumentException("unknown split \"" + s + "\"; expected train, val or test");
    };
  }
}
