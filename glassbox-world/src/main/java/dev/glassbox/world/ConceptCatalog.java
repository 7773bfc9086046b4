package dev.glassbox.world;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed catalogue of the world's binary visual concepts, in a stable order (by part). Every
 * concept is an (attribute, value) pair with a canonical two-to-four-word phrase; the species table
 * ({@link SpeciesCatalog}) makes each of them likely for at least one species.
 */
public final class ConceptCatalog {
  private static final List<WorldConcept> ALL = build();

  private ConceptCatalog() {}

  /** All concepts, in catalogue order; {@code all().get(k).index() == k}. */
  public static List<WorldConcept> all() {
    return ALL;
  }

  /** The number of concepts. */
  public static int size() {
    return ALL.size();
  }

  /** The concept with phrase {@code phrase}; fails naming the phrase when unknown. */
  public static WorldConcept byPhrase(String phrase) {
    for (WorldConcept c : ALL) {
      if (c.phrase().equals(phrase)) {
        return c;
      }
    }
    throw new IllegalArgumentException("the world has no concept \"" + phrase + "\"");
  }

  /** The catalogue as a core concept set (source "world", metadata part/attribute/value). */
  public static ConceptSet conceptSet() {
    List<Concept> out = new ArrayList<>(ALL.size());
    for (WorldConcept c : ALL) {
      out.add(c.toConcept());
    }
    return new ConceptSet(out);
  }

  private static List<WorldConcept> build() {
    List<WorldConcept> out = new ArrayList<>();
    Adder add = new Adder(out);
    add.of(Attribute.SIZE, "small", "small", "bird", false);
    add.of(Attribute.SIZE, "large", "large", "bird", false);
    add.colors(Attribute.CROWN_COLOR, "crown", false, "red", "yellow", "black", "blue", "grey", "white", "brown", "green");
    add.of(Attribute.CROWN_PATTERN, "striped", "striped", "crown", false);
    add.of(Attribute.CREST, "crested", "crested", "head", false);
    add.colors(Attribute.NAPE_COLOR, "nape", false, "red", "black", "white");
    add.colors(Attribute.BACK_COLOR, "back", false, "brown", "grey", "olive", "blue", "black", "green");
    add.of(Attribute.BACK_PATTERN, "striped", "striped", "back", false);
    add.of(Attribute.BACK_PATTERN, "spotted", "spotted", "back", false);
    add.colors(Attribute.WING_COLOR, "wings", true, "black", "brown", "blue", "grey");
    add.of(Attribute.WING_PATTERN, "bars", "white", "wing bars", true);
    add.of(Attribute.WING_PATTERN, "spotted", "spotted", "wings", true);
    add.of(Attribute.WING_PATTERN, "striped", "striped", "wings", true);
    add.of(Attribute.WING_SHAPE, "pointed", "pointed", "wings", true);
    add.colors(Attribute.BREAST_COLOR, "breast", false, "red", "orange", "yellow", "white", "buff", "grey");
    add.of(Attribute.BREAST_PATTERN, "striped", "striped", "breast", false);
    add.of(Attribute.BREAST_PATTERN, "spotted", "spotted", "breast", false);
    add.colors(Attribute.BELLY_COLOR, "belly", false, "white", "yellow", "buff", "grey");
    add.of(Attribute.BELLY_PATTERN, "barred", "barred", "belly", false);
    add.of(Attribute.BELLY_PATTERN, "spotted", "spotted", "belly", false);
    add.of(Attribute.TAIL_SHAPE, "forked", "forked", "tail", false);
    add.of(Attribute.TAIL_SHAPE, "rounded", "rounded", "tail", false);
    add.of(Attribute.TAIL_SHAPE, "pointed", "pointed", "tail", false);
    add.of(Attribute.TAIL_SHAPE, "fan", "fan-shaped", "tail", false);
    add.of(Attribute.TAIL_LENGTH, "long", "long", "tail", false);
    add.colors(Attribute.TAIL_COLOR, "tail", false, "black");
    add.of(Attribute.TAIL_PATTERN, "barred", "barred", "tail", false);
    add.of(Attribute.BILL_SHAPE, "hooked", "hooked", "bill", false);
    add.of(Attribute.BILL_SHAPE, "cone", "cone-shaped", "bill", false);
    add.of(Attribute.BILL_SHAPE, "needle", "needle-like", "bill", false);
    add.of(Attribute.BILL_LENGTH, "long", "long", "bill", false);
    add.of(Attribute.BILL_LENGTH, "short", "short", "bill", false);
    add.colors(Attribute.BILL_COLOR, "bill", false, "orange", "black", "yellow");
    add.of(Attribute.EYE_RING, "white", "white", "eye ring", false);
    add.of(Attribute.EYE_RING, "yellow", "yellow", "eye ring", false);
    add.of(Attribute.EYE_MASK, "black", "black", "eye mask", false);
    add.colors(Attribute.LEG_COLOR, "legs", true, "pink", "yellow", "black");
    add.of(Attribute.LEG_LENGTH, "long", "long", "legs", true);
    return List.copyOf(out);
  }

  private record Adder(List<WorldConcept> out) {
    void of(Attribute a, String value, String modifier, String noun, boolean plural) {
      out.add(new WorldConcept(out.size(), a, value, modifier, noun, plural));
    }

    void colors(Attribute a, String noun, boolean plural, String... colors) {
      for (String c : colors) {
        of(a, c, c, noun, plural);
      }
    }
  }
}
