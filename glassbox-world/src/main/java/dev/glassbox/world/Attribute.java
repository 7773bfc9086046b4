package dev.glassbox.world;

import java.util.List;
import java.util.Locale;

/**
 * A categorical bird attribute, modelled on CUB-200's attribute groups ({@code has_crown_color},
 * {@code has_bill_shape}, …). Each image draws one value per attribute from its species'
 * distribution; binary concepts ({@link WorldConcept}) are (attribute, value) pairs.
 *
 * <p>The first value of a non-colour attribute is its plain default ("solid", "none", "medium").
 * Colour attributes range over the whole {@link BirdColor} palette and have no default: every
 * species sets them.
 */
public enum Attribute {
  SIZE(null, List.of("medium", "small", "large")),
  CROWN_COLOR(Part.CROWN, null),
  CROWN_PATTERN(Part.CROWN, List.of("solid", "striped")),
  CREST(Part.CROWN, List.of("none", "crested")),
  NAPE_COLOR(Part.NAPE, null),
  BACK_COLOR(Part.BACK, null),
  BACK_PATTERN(Part.BACK, List.of("solid", "striped", "spotted")),
  WING_COLOR(Part.WING, null),
  WING_PATTERN(Part.WING, List.of("solid", "bars", "spotted", "striped")),
  WING_SHAPE(Part.WING, List.of("rounded", "pointed")),
  BREAST_COLOR(Part.BREAST, null),
  BREAST_PATTERN(Part.BREAST, List.of("solid", "striped", "spotted")),
  BELLY_COLOR(Part.BELLY, null),
  BELLY_PATTERN(Part.BELLY, List.of("solid", "barred", "spotted")),
  TAIL_COLOR(Part.TAIL, null),
  TAIL_PATTERN(Part.TAIL, List.of("solid", "barred")),
  TAIL_SHAPE(Part.TAIL, List.of("square", "forked", "rounded", "pointed", "fan")),
  TAIL_LENGTH(Part.TAIL, List.of("medium", "short", "long")),
  BILL_SHAPE(Part.BILL, List.of("straight", "cone", "hooked", "needle")),
  BILL_LENGTH(Part.BILL, List.of("medium", "short", "long")),
  BILL_COLOR(Part.BILL, null),
  EYE_RING(Part.EYE, List.of("none", "white", "yellow")),
  EYE_MASK(Part.EYE, List.of("none", "black")),
  LEG_COLOR(Part.LEG, null),
  LEG_LENGTH(Part.LEG, List.of("medium", "long"));

  private final Part part;
  private final List<String> values;

  Attribute(Part part, List<String> values) {
    this.part = part;
    this.values = values == null ? List.of(BirdColor.words()) : values;
  }

  /** The part this attribute describes, or {@code null} for {@link #SIZE} (the whole bird). */
  public Part part() {
    return part;
  }

  /** True for the attributes whose values are palette colours. */
  public boolean isColor() {
    return name().endsWith("_COLOR");
  }

  /** The possible values, in a fixed order. */
  public List<String> options() {
    return values;
  }

  /** The number of possible values. */
  public int arity() {
    return values.size();
  }

  /** The position of {@code value} among {@link #options()}; fails with the allowed values when unknown. */
  public int indexOf(String value) {
    int i = values.indexOf(value);
    if (i < 0) {
      throw new IllegalArgumentException(
          "attribute " + key() + " has no value \"" + value + "\"; allowed: " + values);
    }
    return i;
  }

  /** The lower-case name used in files ("crown_color"). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
