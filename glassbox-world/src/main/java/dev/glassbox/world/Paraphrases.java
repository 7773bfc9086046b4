package dev.glassbox.world;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The explicit paraphrase table of the field guide: for each word of a canonical concept phrase,
 * the other words a writer might use ("golden" for "yellow", "speckled" for "spotted", "beak" for
 * "bill"). A paraphrase of a concept replaces its modifier, its noun, or both.
 *
 * <p><b>None of these words is ever used by the {@link CaptionGenerator}</b>, which writes only
 * canonical phrases, so an image encoder trained on captions has never seen them: detecting a
 * concept from its paraphrase tests generalisation through the text encoder. Every paraphrase
 * brings at least one word found in no canonical phrase (a test checks both facts).
 */
public final class Paraphrases {
  /** Canonical modifier → paraphrases, in a fixed order. */
  public static final Map<String, List<String>> MODIFIERS = modifiers();
  /** Canonical noun → paraphrases, in a fixed order. */
  public static final Map<String, List<String>> NOUNS = nouns();

  private Paraphrases() {}

  private static Map<String, List<String>> modifiers() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("red", List.of("crimson", "scarlet"));
    m.put("orange", List.of("tangerine", "flame-coloured"));
    m.put("yellow", List.of("golden", "lemon"));
    m.put("olive", List.of("khaki", "moss-coloured"));
    m.put("green", List.of("emerald", "jade"));
    m.put("blue", List.of("azure", "cobalt"));
    m.put("brown", List.of("chocolate", "umber"));
    m.put("buff", List.of("tan", "sandy"));
    m.put("grey", List.of("ashy", "slate"));
    m.put("black", List.of("ebony", "jet"));
    m.put("white", List.of("snowy", "ivory"));
    m.put("pink", List.of("rosy", "salmon"));
    m.put("striped", List.of("streaked", "streaky"));
    m.put("spotted", List.of("speckled", "dotted"));
    m.put("barred", List.of("banded"));
    m.put("crested", List.of("tufted"));
    m.put("forked", List.of("V-shaped"));
    m.put("rounded", List.of("round-tipped"));
    m.put("pointed", List.of("tapered", "sharp-tipped"));
    m.put("fan-shaped", List.of("fanned"));
    m.put("long", List.of("elongated"));
    m.put("short", List.of("stubby"));
    m.put("hooked", List.of("hook-tipped"));
    m.put("cone-shaped", List.of("conical"));
    m.put("needle-like", List.of("slender"));
    m.put("small", List.of("tiny", "little"));
    m.put("large", List.of("big", "hefty"));
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, List<String>> nouns() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("crown", List.of("cap"));
    m.put("nape", List.of("hindneck"));
    m.put("back", List.of("mantle"));
    m.put("breast", List.of("chest"));
    m.put("belly", List.of("underside"));
    m.put("bill", List.of("beak"));
    m.put("eye ring", List.of("orbital ring"));
    m.put("eye mask", List.of("bandit mask"));
    m.put("wing bars", List.of("wing bands"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Every paraphrase word (modifiers and nouns), none of which any caption uses. */
  public static List<String> neverInCaptions() {
    List<String> out = new ArrayList<>();
    MODIFIERS.values().forEach(out::addAll);
    NOUNS.values().forEach(out::addAll);
    return out;
  }

  /** The modifier alternatives of {@code c}: its canonical modifier first, then paraphrases. */
  static List<String> modifierForms(WorldConcept c) {
    List<String> out = new ArrayList<>();
    out.add(c.modifier());
    out.addAll(MODIFIERS.getOrDefault(c.modifier(), List.of()));
    return out;
  }

  /** The noun alternatives of {@code c}: its canonical noun first, then paraphrases. */
  static List<String> nounForms(WorldConcept c) {
    List<String> out = new ArrayList<>();
    out.add(c.noun());
    out.addAll(NOUNS.getOrDefault(c.noun(), List.of()));
    return out;
  }

  /**
   * Every paraphrased phrase of {@code c} ("golden crown", "yellow cap", "golden cap" for "yellow
   * crown"), excluding the canonical phrase; empty when neither word has a paraphrase.
   */
  public static List<String> of(WorldConcept c) {
    List<String> out = new ArrayList<>();
    for (String m : modifierForms(c)) {
      for (String n : nounForms(c)) {
        String p = m + " " + n;
        if (!p.equals(c.phrase())) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /**
   * A paraphrased (modifier, noun) pair of {@code c} drawn from {@code rnd}, differing from the
   * canonical pair in at least one word, or null when neither word has a paraphrase.
   */
  static String[] randomForm(WorldConcept c, SplittableRandom rnd) {
    List<String> mods = modifierForms(c);
    List<String> nouns = nounForms(c);
    if (mods.size() == 1 && nouns.size() == 1) {
      return null;
    }
    while (true) {
      String m = mods.get(rnd.nextInt(mods.size()));
      String n = nouns.get(rnd.nextInt(nouns.size()));
      if (!(m.equals(c.modifier()) && n.equals(c.noun()))) {
        return new String[] {m, n};
      }
    }
  }
}
