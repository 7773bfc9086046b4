package dev.glassbox.concepts.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Matrices;
import dev.glassbox.math.RowSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageFiltersTest {

  /** A row source that is not a FloatMatrix, so the filters must stream it block by block. */
  private record Streamed(FloatMatrix m) implements RowSource {
    public int rows() {
      return m.rows();
    }

    public int cols() {
      return m.cols();
    }

    public void readRows(int start, int count, float[] dst, int off) {
      m.readRows(start, count, dst, off);
    }
  }

  @Test
  void lowActivationDropsConceptsWhoseTopFiveCosinesAverageAtMostTheCutoff() {
    ConceptEmbeddings in = FilterFixtures.concepts(new String[] {"seen", "unseen"}, new float[][] {{1, 0, 0}, {0, 0, 1}});
    float[][] imgs = new float[8][];
    for (int i = 0; i < 8; i++) {
      imgs[i] = new float[] {i < 5 ? 1 : 0.1f, 1, 0.2f};
    }
    FilterResult r = LowActivationFilter.defaults().apply(in, FilterContext.empty().withTrainingImages(FloatMatrix.of(imgs)));
    assertThat(r.kept().concepts().texts()).containsExactly("seen");
    DroppedConcept d = r.report().find("unseen");
    assertThat(d.reason()).isEqualTo(DropReason.LOW_ACTIVATION);
    // The top five cosines with "unseen": three images (0.1, 1, 0.2), two images (1, 1, 0.2).
    assertThat(d.score()).isCloseTo((3 * 0.2 / Math.sqrt(1.05) + 2 * 0.2 / Math.sqrt(2.04)) / 5, within(1e-6));
    assertThat(d.threshold()).isEqualTo(0.25);
    assertThat(d.detail()).contains("top 5 cosines over 8 training images");
  }

  @Test
  void topFiveMeansMatchABruteForceOverStreamedImages() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 300;
    int d = 12;
    int m = 2500;
    FloatMatrix t = randn(r, n, d);
    FloatMatrix x = randn(r, m, d);
    double[] got = LowActivationFilter.topMeans(Matrices.normalizeRows(t), new Streamed(x), 5);
    FloatMatrix p = Matrices.cosine(t, x);
    for (int i = 0; i < n; i++) {
      float[] row = p.row(i);
      Arrays.sort(row);
      double ref = 0;
      for (int j = 0; j < 5; j++) {
        ref += row[m - 1 - j];
      }
      assertThat(got[i]).isCloseTo(ref / 5, within(1e-5));
    }
    double[] fewImages = LowActivationFilter.topMeans(Matrices.normalizeRows(t), x.rowRange(0, 3), 5);
    assertThat(fewImages[0]).isCloseTo((p.get(0, 0) + p.get(0, 1) + p.get(0, 2)) / 3.0, within(1e-5));
  }

  @Test
  void nonVisualFilterKeepsVisualConceptsAndDropsNonVisualOnesOnASeededWorld() {
    for (long seed = 1; seed <= 8; seed++) {
      FilterFixtures.World w = FilterFixtures.world(seed, 96, 12, 60, 60, 1500);
      FilterResult r = NonVisualFilter.defaults().apply(w.candidates(), FilterContext.empty().withTrainingImages(new Streamed(w.images())));
      int visualKept = 0;
      int nonVisualDropped = 0;
      for (int i = 0; i < w.visual().length; i++) {
        boolean kept = r.report().find(w.candidates().concepts().get(i).text()) == null;
        if (w.visual()[i] && kept) {
          visualKept++;
        }
        if (!w.visual()[i] && !kept) {
          nonVisualDropped++;
        }
      }
      // The acceptance levels: keep ≥ 90% of visual concepts, drop ≥ 80% of non-visual ones.
      assertThat(visualKept).as("seed %d: visual concepts kept of 60", seed).isGreaterThanOrEqualTo(54);
      assertThat(nonVisualDropped).as("seed %d: non-visual concepts dropped of 60", seed).isGreaterThanOrEqualTo(48);
      FilterFixtures.assertAccountsForEveryConcept(w.candidates(), r);
      assertThat(r.report().dropped()).allSatisfy(d -> {
        assertThat(d.reason()).isEqualTo(DropReason.NON_VISUAL);
        assertThat(d.score()).isLessThanOrEqualTo(2.0);
        assertThat(d.detail()).contains("× the image variance of a random direction");
      });
    }
  }

  @Test
  void randomDirectionsHaveAGroundingRatioOfOneOnAverage() {
    SplittableRandom r = new SplittableRandom(17);
    FilterFixtures.World w = FilterFixtures.world(3, 64, 8, 1, 0, 800);
    FloatMatrix dirs = randn(r, 4000, 64);
    double[] g = NonVisualFilter.groundingRatios(dirs, w.images());
    double mean = Arrays.stream(g).average().orElseThrow();
    assertThat(mean).isCloseTo(1.0, within(0.05));
  }

  @Test
  void groundingRatioIgnoresImageScaleOffsetsAlongTheConceptAndDuplicatedImages() {
    FilterFixtures.World w = FilterFixtures.world(5, 32, 6, 10, 10, 400);
    double[] base = NonVisualFilter.groundingRatios(w.candidates().embeddings(), w.images());
    float[] scaled = w.images().data().clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= 7.5f;
    }
    float[] twice = new float[scaled.length * 2];
    System.arraycopy(w.images().data(), 0, twice, 0, scaled.length);
    System.arraycopy(w.images().data(), 0, twice, scaled.length, scaled.length);
    double[] s = NonVisualFilter.groundingRatios(w.candidates().embeddings(), FloatMatrix.wrap(400, 32, scaled));
    double[] dup = NonVisualFilter.groundingRatios(w.candidates().embeddings(), FloatMatrix.wrap(800, 32, twice));
    for (int i = 0; i < base.length; i++) {
      assertThat(s[i]).isCloseTo(base[i], within(1e-3 * Math.max(1, base[i])));
      assertThat(dup[i]).isCloseTo(base[i], within(1e-3 * Math.max(1, base[i])));
    }
  }

  @Test
  void probePhrasesThatCarryImageVarianceRaiseTheThreshold() {
    FilterFixtures.World w = FilterFixtures.world(7, 64, 10, 30, 30, 1000);
    // Probes that happen to align with visual directions (as CLIP's text often does): their ratios
    // sit far above the floor, so the threshold rises to their quantile and names its basis.
    FilterFixtures.World probesWorld = FilterFixtures.world(7, 64, 10, 8, 0, 10);
    List<Concept> pc = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      pc.add(Concept.of("probe " + i));
    }
    ConceptEmbeddings probes = new ConceptEmbeddings(new ConceptSet(pc), probesWorld.candidates().embeddings(), null);
    FilterContext ctx = FilterContext.empty().withTrainingImages(w.images());
    FilterResult plain = NonVisualFilter.defaults().apply(w.candidates(), ctx);
    FilterResult calibrated = NonVisualFilter.defaults().apply(w.candidates(), ctx.withNonVisualProbes(probes));
    assertThat(calibrated.kept().concepts().size()).isLessThan(plain.kept().concepts().size());
    assertThat(calibrated.report().dropped().get(0).threshold()).isGreaterThan(2.0);
    assertThat(calibrated.report().dropped().get(0).detail()).contains("quantile of 8 non-visual probe phrases");
    assertThatThrownBy(() -> NonVisualFilter.defaults().apply(w.candidates(), ctx.withNonVisualProbes(
        new ConceptEmbeddings(new ConceptSet(List.of(Concept.of("p"))), FloatMatrix.of(new float[][] {{1, 0}}), null))))
        .hasMessageStartingWith("nonVisualProbes:");
  }

  @Test
  void imageFiltersNameMissingOrBadImages() {
    ConceptEmbeddings in = FilterFixtures.concepts(new String[] {"a"}, new float[][] {{1, 0}});
    for (ConceptFilter f : List.of(LowActivationFilter.defaults(), NonVisualFilter.defaults())) {
      assertThatThrownBy(() -> f.apply(in, FilterContext.empty()))
          .hasMessageStartingWith("trainingImages:")
          .hasMessageContaining("withTrainingImages");
      assertThatThrownBy(() -> f.apply(in, FilterContext.empty().withTrainingImages(FloatMatrix.zeros(3, 5))))
          .hasMessageContaining("5-d")
          .hasMessageContaining("2-d");
      assertThatThrownBy(() -> f.apply(in, FilterContext.empty().withTrainingImages(
          FloatMatrix.of(new float[][] {{1, 0}, {0, 1}, {Float.NaN, 1}}))))
          .hasMessageContaining("image embedding 2")
          .hasMessageContaining("NaN");
    }
    assertThatThrownBy(() -> NonVisualFilter.defaults().apply(in, FilterContext.empty().withTrainingImages(FloatMatrix.of(new float[][] {{1, 0}}))))
        .hasMessageContaining("needs at least 2");
    assertThatThrownBy(() -> NonVisualFilter.defaults().apply(in, FilterContext.empty().withTrainingImages(
        FloatMatrix.of(new float[][] {{1, 0}, {2, 0}}))))
        .hasMessageContaining("do not vary");
    assertThatThrownBy(() -> new LowActivationFilter(0, 0.25)).hasMessageContaining("topK must be ≥ 1, got 0");
    assertThatThrownBy(() -> new NonVisualFilter(-1, 0.9, 2.0)).hasMessageContaining("minGroundingRatio");
    assertThatThrownBy(() -> new NonVisualFilter(2.0, 0.9, Double.NaN)).hasMessageContaining("minTailRatio");
  }

  @Test
  void aRareButVisibleConceptIsKeptByItsTailAndANonVisualOneIsNot() {
    // 1,000 images of isotropic noise in 32 dimensions; 30 of them (3%) also show the rare concept,
    // shifted 8 units along e0. Its variance stays small (grounding ratio ≈ 1.6, under the floor
    // of 2), but its top 5% of images stand far out; e1 is a direction the images do not move along.
    SplittableRandom r = new SplittableRandom(5);
    int n = 1000;
    int d = 32;
    float[] x = randn(r, n, d).data();
    for (int i = 0; i < n; i += n / 30) {
      x[i * d] += 8;
    }
    FloatMatrix images = FloatMatrix.wrap(n, d, x);
    float[] rare = new float[d];
    rare[0] = 1;
    float[] none = new float[d];
    none[1] = 1;
    ConceptEmbeddings in = FilterFixtures.concepts(new String[] {"rare spot", "sings at dawn"}, new float[][] {rare, none});
    FilterContext ctx = FilterContext.empty().withTrainingImages(new Streamed(images));
    double[] g = NonVisualFilter.groundingRatios(in.embeddings(), images);
    assertThat(g[0]).isBetween(1.2, 2.0);

    FilterResult withTail = NonVisualFilter.defaults().apply(in, ctx);
    assertThat(withTail.kept().concepts().texts()).containsExactly("rare spot");
    assertThat(withTail.report().dropped()).singleElement().satisfies(dc -> {
      assertThat(dc.concept().text()).isEqualTo("sings at dawn");
      assertThat(dc.detail()).contains("top 5% of images");
    });
    FilterResult noTail = NonVisualFilter.defaults().withMinTailRatio(Double.POSITIVE_INFINITY).apply(in, ctx);
    assertThat(noTail.kept().concepts().texts()).isEmpty();
  }

  private static FloatMatrix randn(SplittableRandom r, int n, int d) {
    float[] a = new float[n * d];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
    }
    return FloatMatrix.wrap(n, d, a);
  }
}
