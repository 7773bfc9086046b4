package dev.glassbox.world;

import dev.glassbox.world.FieldGuideSentence.Mention;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The world's field guide: for every species, the kind of entry a language model writes when asked
 * "describe what the {species} looks like". Each entry has
 *
 * <ul>
 *   <li>visual sentences built from the species' high-probability (p ≥ 0.9) concepts, all of them
 *       mentioned, plus at most one hedged sentence ("It often has …") about a concept of
 *       probability in [0.5, 0.9); about half of the mentions use a paraphrase from
 *       {@link Paraphrases} ("golden cap" for "yellow crown"), which the captions never use;</li>
 *   <li>four non-visual sentences on song, habitat, diet, behaviour, migration or nesting, from the
 *       species' {@link Family};</li>
 *   <li>mentions of the species' own name (the opening sentence and one non-visual sentence).</li>
 * </ul>
 *
 * Every sentence carries its ground truth ({@link FieldGuideSentence}), so concept filters can be
 * scored exactly. Deterministic from the world seed.
 */
public final class FieldGuide {
  /** Probability at or above which a concept defines a species and is always described. */
  public static final double DEFINING = 0.9;
  /** Probability at or above which a non-defining concept may get a hedged sentence. */
  public static final double COMMON = 0.5;
  /** Chance that a mention uses a paraphrase when one exists. */
  static final double PARAPHRASE_RATE = 0.55;
  /** Non-visual sentences per species. */
  static final int NON_VISUAL = 4;

  private final List<FieldGuideSentence> sentences;
  private final int speciesCount;

  FieldGuide(List<FieldGuideSentence> sentences, int speciesCount) {
    this.sentences = List.copyOf(sentences);
    this.speciesCount = speciesCount;
  }

  /** All sentences, species by species. */
  public List<FieldGuideSentence> sentences() {
    return sentences;
  }

  /** The sentences about species {@code s}, in order. */
  public List<FieldGuideSentence> sentencesOf(int s) {
    if (s < 0 || s >= speciesCount) {
      throw new IndexOutOfBoundsException("species index " + s + " is outside [0, " + speciesCount + ")");
    }
    return sentences.stream().filter(x -> x.species() == s).toList();
  }

  /** Species {@code s}'s entry as one paragraph. */
  public String entry(int s) {
    return String.join(" ", sentencesOf(s).stream().map(FieldGuideSentence::text).toList());
  }

  /** Writes the guide; one child stream of {@code rnd} per species, in species order. */
  static FieldGuide write(List<Species> species, List<WorldConcept> concepts, SplittableRandom rnd) {
    List<FieldGuideSentence> out = new ArrayList<>();
    for (int s = 0; s < species.size(); s++) {
      out.addAll(new EntryWriter(s, species.get(s), concepts, rnd.split()).write());
    }
    return new FieldGuide(out, species.size());
  }

  private static final class EntryWriter {
    private final int s;
    private final Species sp;
    private final List<WorldConcept> concepts;
    private final SplittableRandom rnd;

    EntryWriter(int s, Species sp, List<WorldConcept> concepts, SplittableRandom rnd) {
      this.s = s;
      this.sp = sp;
      this.concepts = concepts;
      this.rnd = rnd;
    }

    List<FieldGuideSentence> write() {
      double[] p = sp.conceptProbabilities(concepts);
      List<Integer> defining = new ArrayList<>();
      List<Integer> common = new ArrayList<>();
      for (int k = 0; k < p.length; k++) {
        if (p[k] >= DEFINING) {
          defining.add(k);
        } else if (p[k] >= COMMON) {
          common.add(k);
        }
      }
      shuffle(defining);
      shuffle(common);
      Mention size = null;
      List<Mention> rest = new ArrayList<>();
      for (int k : defining) {
        Mention m = mention(concepts.get(k));
        if (concepts.get(k).isSize()) {
          size = m;
        } else {
          rest.add(m);
        }
      }

      List<FieldGuideSentence> out = new ArrayList<>();
      // Opening: names the species, its size when defining, and two features.
      List<Mention> open = new ArrayList<>();
      if (size != null) {
        open.add(size);
      }
      int take = Math.min(2, rest.size());
      List<Mention> feats = new ArrayList<>(rest.subList(0, take));
      rest = new ArrayList<>(rest.subList(take, rest.size()));
      open.addAll(feats);
      String birdWords = size == null ? "bird" : size.surface();
      String body = feats.isEmpty() ? "" : " with " + list(feats, false);
      out.add(visual("The " + sp.name() + " is " + article(birdWords) + " " + birdWords + body + ".", open));

      // The remaining defining features, in groups of one to three.
      int i = 0;
      while (i < rest.size()) {
        int left = rest.size() - i;
        int n = left <= 2 ? left : 1 + rnd.nextInt(3);
        if (left - n == 0 && out.size() < 3 && n > 1) {
          n = 1;
        }
        List<Mention> group = rest.subList(i, i + n);
        out.add(groupSentence(group));
        i += n;
      }
      if (!common.isEmpty()) {
        Mention m = mention(concepts.get(common.get(0)));
        String[] hedges = {"It often has %s.", "Many birds also show %s.", "Some individuals have %s."};
        String np = concepts.get(m.concept()).isSize() ? "a " + m.surface().split(" ")[0] + " build" : np(m);
        out.add(visual(String.format(hedges[rnd.nextInt(hedges.length)], np), List.of(m)));
      }

      // Natural history.
      List<Family.Topic> topics = new ArrayList<>(Arrays.asList(Family.Topic.values()));
      shuffle(topics);
      for (int t = 0; t < NON_VISUAL; t++) {
        Family.Topic topic = topics.get(t);
        List<String> options = sp.family().statements(topic);
        String pred = options.get(rnd.nextInt(options.size()));
        String subject = t == 0 ? "The " + sp.name() : "It";
        String text = subject + " " + pred + ".";
        out.add(new FieldGuideSentence(s, text, List.of(), false, text.contains(sp.name()), topic));
      }
      return out;
    }

    private FieldGuideSentence groupSentence(List<Mention> group) {
      if (group.size() == 1) {
        Mention m = group.get(0);
        WorldConcept c = concepts.get(m.concept());
        String[] words = m.surface().split(" ", 2);
        if (c.isSize()) {
          return visual("It is " + article(m.surface()) + " " + m.surface() + ".", group);
        }
        return switch (rnd.nextInt(4)) {
          case 0 -> visual("Its " + words[1] + (c.plural() ? " are " : " is ") + words[0] + ".", group);
          case 1 -> visual("Note the " + m.surface() + ".", group);
          case 2 -> visual("In good light, its " + m.surface() + (c.plural() ? " stand out." : " stands out."), group);
          default -> visual("The " + sp.name() + " can be recognised by its " + m.surface() + ".", group);
        };
      }
      String[] templates = {"It has %s.", "Look for %s.", "Adults show %s.", "Both sexes have %s."};
      if (rnd.nextInt(5) == 0) {
        return visual("The " + sp.name() + " can be recognised by " + list(group, true) + ".", group);
      }
      return visual(String.format(templates[rnd.nextInt(templates.length)], list(group, false)), group);
    }

    private FieldGuideSentence visual(String text, List<Mention> mentions) {
      return new FieldGuideSentence(s, text, mentions, true, text.contains(sp.name()), null);
    }

    private Mention mention(WorldConcept c) {
      if (rnd.nextDouble() < PARAPHRASE_RATE) {
        String[] form = Paraphrases.randomForm(c, rnd);
        if (form != null) {
          return new Mention(c.index(), form[0] + " " + form[1], true);
        }
      }
      return new Mention(c.index(), c.phrase(), false);
    }

    private String np(Mention m) {
      return concepts.get(m.concept()).plural() ? m.surface() : article(m.surface()) + " " + m.surface();
    }

    private String list(List<Mention> ms, boolean possessive) {
      List<String> parts = new ArrayList<>();
      for (Mention m : ms) {
        parts.add(possessive ? "its " + m.surface() : np(m));
      }
      if (parts.size() == 1) {
        return parts.get(0);
      }
      return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private <T> void shuffle(List<T> xs) {
      for (int i = xs.size() - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        T t = xs.get(i);
        xs.set(i, xs.get(j));
        xs.set(j, t);
      }
    }
  }

  /** "a" or "an" before {@code words}, by its first letter. */
  static String article(String words) {
    return "aeiou".indexOf(Character.toLowerCase(words.charAt(0))) >= 0 ? "an" : "a";
  }
}
