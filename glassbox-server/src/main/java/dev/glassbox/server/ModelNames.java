package dev.glassbox.server;

import java.util.regex.Pattern;

/**
 * What a model name and a version may look like. Names are plain directory names under the models
 * directory (letters, digits, '.', '_', '-'; not starting with '.'; at most 64 characters), so no
 * name can point outside it; versions are positive decimal integers without leading zeros.
 */
public final class ModelNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

  private ModelNames() {}

  /** True when {@code name} is a valid model name. */
  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches() && !name.contains("..");
  }

  /** True when {@code s} is a version directory name. */
  public static boolean isVersion(String s) {
    return s != null && VERSION.matcher(s).matches();
  }

  /** Throws a 400 naming {@code field} when the name is not valid. */
  static void requireValidName(String name, String field) {
    if (!isValidName(name)) {
      throw ApiException.badRequest(field, "'" + shorten(name) + "' is not a model name: use letters, digits, '.', '_' and '-' "
          + "(at most 64, not starting with '.' and without '..'); names never contain paths");
    }
  }

  /** Parses a version, throwing a 400 naming {@code field}. */
  static int parseVersion(String s, String field) {
    if (!isVersion(s)) {
      throw ApiException.badRequest(field, "'" + shorten(s) + "' is not a version: use a positive integer such as 3");
    }
    return Integer.parseInt(s);
  }

  static String shorten(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
