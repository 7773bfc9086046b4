package dev.glassbox.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes captions of an image from its ground truth, for contrastive image–text training: a
 * seeded random subset (one to {@link #MAX_CONCEPTS}) of the present concepts, in random order,
 * placed in one of several templates ("a photo of a small bird with a yellow crown and striped
 * wings", "this bird has a hooked bill"). Captions use only the canonical concept phrases, never a
 * {@link Paraphrases paraphrase}, so paraphrases stay unseen by an encoder trained on them.
 */
public final class CaptionGenerator {
  /** Most concepts named in one caption. */
  public static final int MAX_CONCEPTS = 4;

  /** Templates: {@code %1$s} is "bird" or "small bird" / "large bird", {@code %2$s} the concept list. */
  static final List<String> TEMPLATES = List.of(
      "a photo of a %1$s with %2$s",
      "a %1$s with %2$s",
      "this %1$s has %2$s",
      "a close-up photo of a %1$s showing %2$s",
      "a %1$s that has %2$s",
      "an image of a %1$s with %2$s",
      "a picture of a %1$s with %2$s",
      "a wild %1$s with %2$s");

  private final List<WorldConcept> concepts;

  CaptionGenerator(List<WorldConcept> concepts) {
    this.concepts = concepts;
  }

  /**
   * One caption of an image showing {@code presentConcepts}, drawn from {@code rnd}. With no
   * present concepts the caption is a plain "a photo of a bird".
   */
  public Caption caption(int[] presentConcepts, SplittableRandom rnd) {
    List<Integer> parts = new ArrayList<>();
    Integer size = null;
    for (int k : presentConcepts) {
      if (concepts.get(k).isSize()) {
        size = k;
      } else {
        parts.add(k);
      }
    }
    for (int i = parts.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      Integer t = parts.get(i);
      parts.set(i, parts.get(j));
      parts.set(j, t);
    }
    int n = parts.isEmpty() ? 0 : 1 + rnd.nextInt(Math.min(MAX_CONCEPTS, parts.size()));
    boolean withSize = size != null && rnd.nextBoolean();
    String template = TEMPLATES.get(rnd.nextInt(TEMPLATES.size()));
    List<Integer> named = new ArrayList<>();
    String bird = "bird";
    if (withSize) {
      named.add(size);
      bird = concepts.get(size).phrase();
    }
    List<String> nps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      WorldConcept c = concepts.get(parts.get(i));
      named.add(c.index());
      nps.add(c.plural() ? c.phrase() : FieldGuide.article(c.phrase()) + " " + c.phrase());
    }
    String text;
    if (nps.isEmpty()) {
      text = "a photo of " + FieldGuide.article(bird) + " " + bird;
    } else {
      String list = nps.size() == 1 ? nps.get(0)
          : String.join(", ", nps.subList(0, nps.size() - 1)) + " and " + nps.get(nps.size() - 1);
      // Size words ("small", "large") take "a", like "bird", so templates need no article fix.
      text = String.format(Locale.ROOT, template, bird, list);
    }
    return new Caption(text, named.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * {@code count} captions of image {@code index} of {@code world}, from a generator seeded by
   * {@code (seed, index)}: the same arguments always give the same captions.
   */
  public List<Caption> captions(World world, int index, int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("caption count must be ≥ 1, got " + count);
    }
    SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1L)));
    int[] present = world.presentConcepts(index);
    List<Caption> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(caption(present, rnd));
    }
    return out;
  }
}

