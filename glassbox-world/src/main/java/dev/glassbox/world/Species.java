package dev.glassbox.world;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A species of the world: a name and, for every {@link Attribute}, a probability distribution over
 * its values, like CUB-200's per-class attribute certainties. A concept's probability for the
 * species is the probability of its (attribute, value) pair. Immutable.
 */
public final class Species {
  private final String name;
  private final String slug;
  private final Family family;
  private final double[][] distribution;

  Species(String name, Family family, double[][] distribution) {
    this.name = Objects.requireNonNull(name, "species name");
    this.slug = slugOf(name);
    this.family = Objects.requireNonNull(family, "family of " + name);
    Attribute[] attrs = Attribute.values();
    if (distribution.length != attrs.length) {
      throw new IllegalArgumentException("species " + name + " needs a distribution for each of " + attrs.length + " attributes");
    }
    this.distribution = new double[attrs.length][];
    for (int a = 0; a < attrs.length; a++) {
      double[] d = distribution[a];
      if (d == null || d.length != attrs[a].arity()) {
        throw new IllegalArgumentException("species " + name + " has no distribution for " + attrs[a].key());
      }
      double sum = 0;
      for (double p : d) {
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException("species " + name + ": probabilities of " + attrs[a].key() + " must be in [0, 1], got " + Arrays.toString(d));
        }
        sum += p;
      }
      if (Math.abs(sum - 1) > 1e-9) {
        throw new IllegalArgumentException("species " + name + ": probabilities of " + attrs[a].key() + " sum to " + sum + ", not 1");
      }
      this.distribution[a] = d.clone();
    }
  }

  /** The species' common name ("Golden-crowned Finch"). */
  public String name() {
    return name;
  }

  /** The folder name used in exports ("golden-crowned-finch"). */
  public String slug() {
    return slug;
  }

  /** The bird family, which sets the species' natural history (song, habitat, diet, …). */
  public Family family() {
    return family;
  }

  /** The probability that a bird of this species has {@code value} for {@code attribute}. */
  public double probability(Attribute attribute, String value) {
    return distribution[attribute.ordinal()][attribute.indexOf(value)];
  }

  /** A copy of the distribution over {@code attribute}'s values, in {@link Attribute#options()} order. */
  public double[] distribution(Attribute attribute) {
    return distribution[attribute.ordinal()].clone();
  }

  /** The probability that a bird of this species shows {@code concept}. */
  public double probability(WorldConcept concept) {
    return distribution[concept.attribute().ordinal()][concept.attribute().indexOf(concept.value())];
  }

  /** Per-concept probabilities, in the order of {@code concepts}. */
  public double[] conceptProbabilities(List<WorldConcept> concepts) {
    double[] out = new double[concepts.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = probability(concepts.get(k));
    }
    return out;
  }

  /**
   * Draws one bird's traits: one value per attribute, in attribute order, each by inverting the
   * cumulative distribution at one uniform draw of {@code rnd}.
   */
  public Traits sample(SplittableRandom rnd) {
    Attribute[] attrs = Attribute.values();
    int[] v = new int[attrs.length];
    for (int a = 0; a < attrs.length; a++) {
      double u = rnd.nextDouble();
      double[] d = distribution[a];
      int pick = d.length - 1;
      double acc = 0;
      for (int j = 0; j < d.length; j++) {
        acc += d[j];
        if (u < acc) {
          pick = j;
          break;
        }
      }
      // Rounding can leave u above the last cumulative sum: fall back to the last value with mass.
      while (d[pick] == 0) {
        pick--;
      }
      v[a] = pick;
    }
    return new Traits(v);
  }

  /** Lower-case, hyphen-separated ASCII form of a name, for folder names. */
  static String slugOf(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return s.replaceAll("^-+|-+$", "");
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Builds a species' table. Non-colour attributes start at their plain default with probability
   * 1; colour attributes must be set. {@link #set(Attribute, String, double)} mixes a value in:
   * the new distribution is {@code p·[value] + (1−p)·old}, so later calls with {@code p < 1} add
   * within-species variation around what was set before.
   */
  static final class Builder {
    private final String name;
    private final Family family;
    private final double[][] d = new double[Attribute.values().length][];

    Builder(String name, Family family) {
      this.name = name;
      this.family = family;
      for (Attribute a : Attribute.values()) {
        if (!a.isColor()) {
          d[a.ordinal()] = new double[a.arity()];
          d[a.ordinal()][0] = 1;
        }
      }
    }

    Builder set(Attribute a, String value) {
      return set(a, value, 1.0);
    }

    Builder set(Attribute a, String value, double p) {
      int j = a.indexOf(value);
      double[] old = d[a.ordinal()];
      if (old == null && p < 1) {
        throw new IllegalStateException("species " + name + ": set " + a.key() + " with p = 1 before mixing in variation");
      }
      double[] nw = new double[a.arity()];
      for (int i = 0; i < nw.length; i++) {
        nw[i] = old == null ? 0 : (1 - p) * old[i];
      }
      nw[j] += p;
      d[a.ordinal()] = nw;
      return this;
    }

    Builder size(String v) {
      return set(Attribute.SIZE, v);
    }

    /** Sets the upperparts (crown, nape, back, wings, tail) to one colour. */
    Builder upper(String color) {
      for (Attribute a : List.of(Attribute.CROWN_COLOR, Attribute.NAPE_COLOR, Attribute.BACK_COLOR, Attribute.WING_COLOR, Attribute.TAIL_COLOR)) {
        set(a, color);
      }
      return this;
    }

    /** Sets the underparts (breast, belly) to one colour. */
    Builder under(String color) {
      set(Attribute.BREAST_COLOR, color);
      return set(Attribute.BELLY_COLOR, color);
    }

    Builder bill(String shape, String length, String color) {
      set(Attribute.BILL_SHAPE, shape);
      set(Attribute.BILL_LENGTH, length);
      return set(Attribute.BILL_COLOR, color);
    }

    Builder legs(String color) {
      return set(Attribute.LEG_COLOR, color);
    }

    Species build() {
      return new Species(name, family, d);
    }
  }
}
