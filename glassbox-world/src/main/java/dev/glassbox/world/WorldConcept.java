package dev.glassbox.world;

import dev.glassbox.concepts.Concept;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A binary visual concept of the world: "this bird's {@code attribute} is {@code value}", named by a
 * short canonical phrase ("yellow crown", "hooked bill", "white wing bars", "small bird").
 *
 * <p>The phrase is {@code modifier + " " + noun}; keeping the two apart lets captions and the
 * field guide inflect it ("a yellow crown", "its crown is golden") and paraphrase the modifier.
 *
 * @param index position in {@link ConceptCatalog#all()} (and in the world's concept set)
 * @param attribute the attribute this concept tests
 * @param value the attribute value that makes the concept present
 * @param modifier the adjective part of the phrase ("yellow", "cone-shaped", "small")
 * @param noun the noun part ("crown", "wing bars", "bird")
 * @param plural whether the noun is plural ("wings", "legs"): no article, plural verbs
 */
public record WorldConcept(int index, Attribute attribute, String value, String modifier, String noun, boolean plural) {

  public WorldConcept {
    attribute.indexOf(value);
  }

  /** The canonical phrase, e.g. "yellow crown". */
  public String phrase() {
    return modifier + " " + noun;
  }

  /** The part the concept describes, or {@code null} for size concepts (the whole bird). */
  public Part part() {
    return attribute.part();
  }

  /** The part key recorded in metadata: the part's key, or {@code "all"} for size concepts. */
  public String partKey() {
    return part() == null ? "all" : part().key();
  }

  /** True for "small bird" and "large bird", which describe the whole bird. */
  public boolean isSize() {
    return attribute == Attribute.SIZE;
  }

  /** True when an image with these traits shows this concept. */
  public boolean presentIn(Traits traits) {
    return traits.is(attribute, value);
  }

  /** The core concept: source "world", with part, attribute and value as metadata. */
  public Concept toConcept() {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("part", partKey());
    meta.put("attribute", attribute.key());
    meta.put("value", value);
    meta.put("visual", "true");
    return new Concept(phrase(), "world", null, meta);
  }
}
