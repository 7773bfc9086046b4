package dev.glassbox.world;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attribute values one bird was drawn with: one value index per {@link Attribute}, in enum
 * order. Immutable.
 */
public final class Traits {
  private final int[] values;

  /** @param values one index per attribute, each in {@code [0, attribute.arity())} */
  public Traits(int[] values) {
    Attribute[] attrs = Attribute.values();
    if (values.length != attrs.length) {
      throw new IllegalArgumentException("traits need one value per attribute (" + attrs.length + "), got " + values.length);
    }
    for (int a = 0; a < attrs.length; a++) {
      if (values[a] < 0 || values[a] >= attrs[a].arity()) {
        throw new IllegalArgumentException(
            "value index " + values[a] + " of " + attrs[a].key() + " is outside [0, " + attrs[a].arity() + ")");
      }
    }
    this.values = values.clone();
  }

  /** The value index of {@code a}. */
  public int index(Attribute a) {
    return values[a.ordinal()];
  }

  /** The value of {@code a} ("yellow", "hooked", …). */
  public String value(Attribute a) {
    return a.options().get(values[a.ordinal()]);
  }

  /** The colour of a colour attribute. */
  public BirdColor color(Attribute a) {
    if (!a.isColor()) {
      throw new IllegalArgumentException(a.key() + " is not a colour attribute");
    }
    return BirdColor.values()[values[a.ordinal()]];
  }

  /** True when {@code a} has the value {@code value}. */
  public boolean is(Attribute a, String value) {
    return value(a).equals(value);
  }

  /** Attribute key → value, in attribute order (for JSON). */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Attribute a : Attribute.values()) {
      m.put(a.key(), value(a));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Traits t && Arrays.equals(values, t.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
