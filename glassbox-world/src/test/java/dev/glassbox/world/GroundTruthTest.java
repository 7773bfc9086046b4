package dev.glassbox.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.GroundTruth;
import dev.glassbox.data.Split;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

  @Test
  void conceptFrequenciesPerSpeciesMatchTheTableWithinSamplingError() {
    // Traits only: no pixels are drawn, so a large sample is cheap.
    World w = World.generate(WorldConfig.defaults().withSeed(77).withImagesPerSpecies(400));
    List<WorldConcept> concepts = w.worldConcepts();
    int n = w.config().imagesPerSpecies();
    for (int s = 0; s < w.species().size(); s++) {
      int[] counts = new int[concepts.size()];
      for (int i = s * n; i < (s + 1) * n; i++) {
        for (int k : w.presentConcepts(i)) {
          counts[k]++;
        }
      }
      double[] p = w.species().get(s).conceptProbabilities(concepts);
      for (int k = 0; k < concepts.size(); k++) {
        double sigma = Math.sqrt(p[k] * (1 - p[k]) / n);
        assertThat(counts[k] / (double) n)
            .as(w.species().get(s).name() + " / " + concepts.get(k).phrase())
            .isBetween(p[k] - 4.5 * sigma - 1.0 / n, p[k] + 4.5 * sigma + 1.0 / n);
      }
    }
  }

  @Test
  void presentConceptsAreExactlyTheDrawnAttributeValues() {
    World w = World.generate(TestWorlds.small(4));
    for (int i = 0; i < w.size(); i++) {
      Traits t = w.spec(i).traits();
      for (WorldConcept c : w.worldConcepts()) {
        boolean present = java.util.Arrays.binarySearch(w.presentConcepts(i), c.index()) >= 0;
        assertThat(present).isEqualTo(t.value(c.attribute()).equals(c.value()));
      }
      // Every attribute takes exactly one value, so at most one concept per (attribute) is present.
      assertThat(w.presentConcepts(i)).isNotEmpty();
    }
  }

  @Test
  void partMapsAreConsistentWithPixelCounts() {
    World w = World.generate(TestWorlds.small(6).withImageSize(96));
    int occludedImages = 0;
    for (int i = 0; i < w.size(); i++) {
      RenderedBird rb = w.render(i);
      ImageRecord r = rb.record();
      int[] hist = new int[256];
      for (byte b : rb.partMap()) {
        hist[b & 0xFF]++;
      }
      for (int v = Part.OCCLUDER_LABEL + 1; v < 256; v++) {
        assertThat(hist[v]).as("label " + v).isZero();
      }
      for (Part p : Part.values()) {
        assertThat(r.partPixels()[p.ordinal()]).as(r.id() + " " + p).isPositive();
        assertThat(r.visiblePixels()[p.ordinal()]).isBetween(0, r.partPixels()[p.ordinal()]);
        assertThat(hist[p.label()]).isEqualTo(r.visiblePixels()[p.ordinal()]);
        assertThat(rb.mask(p).cardinality()).isEqualTo(r.visiblePixels()[p.ordinal()]);
      }
      if (r.spec().occluder() == Occluder.NONE) {
        assertThat(hist[Part.OCCLUDER_LABEL]).isZero();
        assertThat(r.visiblePixels()).isEqualTo(r.partPixels());
      } else {
        occludedImages++;
        assertThat(hist[Part.OCCLUDER_LABEL]).isPositive();
      }
    }
    assertThat(occludedImages).isPositive();
  }

  @Test
  void everyPresentConceptHasVisiblePixelsUnlessAnOccluderHidesIt() {
    World w = World.generate(TestWorlds.small(9).withOcclusionRate(0));
    for (int i = 0; i < w.size(); i++) {
      ImageRecord r = w.render(i).record();
      for (int k : r.presentConcepts()) {
        WorldConcept c = w.worldConcepts().get(k);
        if (c.part() != null) {
          assertThat(r.visiblePixels()[c.part().ordinal()]).as(r.id() + " " + c.phrase()).isPositive();
        }
      }
    }
  }

  @Test
  void solidPartsAreDrawnInTheirRecordedColour() {
    // The label map and the colour image come from the same shapes: the mean colour of a part's
    // interior pixels is nearest to the palette colour its trait names.
    World w = World.generate(WorldConfig.defaults().withSeed(3).withImagesPerSpecies(4).withImageSize(160).withOcclusionRate(0));
    Attribute[][] checks = {
        {Attribute.CROWN_COLOR, Attribute.CROWN_PATTERN}, {Attribute.BREAST_COLOR, Attribute.BREAST_PATTERN},
        {Attribute.BACK_COLOR, Attribute.BACK_PATTERN}, {Attribute.TAIL_COLOR, Attribute.TAIL_PATTERN}};
    Part[] parts = {Part.CROWN, Part.BREAST, Part.BACK, Part.TAIL};
    int checked = 0;
    for (int i = 0; i < w.size(); i++) {
      RenderedBird rb = w.render(i);
      Traits t = rb.record().spec().traits();
      for (int c = 0; c < parts.length; c++) {
        if (!t.is(checks[c][1], "solid") || (parts[c] == Part.CROWN && t.is(Attribute.CREST, "crested"))) {
          continue;
        }
        double[] mean = interiorMean(rb, parts[c]);
        if (mean == null) {
          continue;
        }
        assertThat(nearest(mean)).as(rb.record().id() + " " + parts[c]).isEqualTo(t.color(checks[c][0]));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  private static double[] interiorMean(RenderedBird rb, Part part) {
    int s = rb.size();
    double r = 0;
    double g = 0;
    double b = 0;
    int n = 0;
    int label = part.label();
    for (int y = 2; y < s - 2; y++) {
      for (int x = 2; x < s - 2; x++) {
        boolean interior = true;
        for (int dy = -2; dy <= 2 && interior; dy++) {
          for (int dx = -2; dx <= 2; dx++) {
            if (rb.label(x + dx, y + dy) != label) {
              interior = false;
              break;
            }
          }
        }
        if (interior) {
          int v = rb.image().getRGB(x, y);
          r += (v >> 16) & 0xFF;
          g += (v >> 8) & 0xFF;
          b += v & 0xFF;
          n++;
        }
      }
    }
    return n < 4 ? null : new double[] {r / n, g / n, b / n};
  }

  /**
   * The palette colour that best explains {@code rgb} as that colour under the renderer's lighting:
   * a brightness factor in [0.75, 1.15] (per-image jitter times the shading gradient).
   */
  private static BirdColor nearest(double[] rgb) {
    BirdColor best = null;
    double bestD = Double.MAX_VALUE;
    for (BirdColor c : BirdColor.values()) {
      Color k = c.rgb();
      double[] v = {k.getRed(), k.getGreen(), k.getBlue()};
      double f = (v[0] * rgb[0] + v[1] * rgb[1] + v[2] * rgb[2]) / (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
      f = Math.max(0.75, Math.min(1.15, f));
      double d = 0;
      for (int j = 0; j < 3; j++) {
        d += Math.pow(Math.min(255, f * v[j]) - rgb[j], 2);
      }
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }

  @Test
  void largeBirdsAreAlwaysDrawnLargerThanMediumAndSmallOnes() {
    World w = World.generate(WorldConfig.defaults().withSeed(5).withImagesPerSpecies(8).withImageSize(96));
    double maxSmall = 0;
    double minMedium = Double.MAX_VALUE;
    double maxMedium = 0;
    double minLarge = Double.MAX_VALUE;
    for (int i = 0; i < w.size(); i++) {
      ImageRecord r = w.render(i).record();
      double len = r.bodyLengthPixels();
      switch (r.spec().traits().value(Attribute.SIZE)) {
        case "small" -> maxSmall = Math.max(maxSmall, len);
        case "large" -> minLarge = Math.min(minLarge, len);
        default -> {
          minMedium = Math.min(minMedium, len);
          maxMedium = Math.max(maxMedium, len);
        }
      }
    }
    assertThat(maxSmall).isLessThan(minMedium);
    assertThat(maxMedium).isLessThan(minLarge);
  }

  @Test
  void splitsAreStratifiedPerSpecies() {
    World w = World.generate(WorldConfig.defaults().withImagesPerSpecies(20));
    int[] labels = w.labels();
    Split[] splits = w.splits();
    for (int s = 0; s < w.species().size(); s++) {
      int[] c = new int[3];
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == s) {
          c[splits[i].ordinal()]++;
        }
      }
      assertThat(c).as(w.species().get(s).name()).containsExactly(14, 2, 4);
    }
  }

  @Test
  void groundTruthListsEachSpeciesConceptsAboveTheThreshold() {
    World w = World.generate(TestWorlds.small(1));
    GroundTruth gt = w.groundTruth(0.9);
    assertThat(gt.numClasses()).isEqualTo(w.species().size());
    for (int s = 0; s < w.species().size(); s++) {
      for (WorldConcept c : w.worldConcepts()) {
        assertThat(gt.isTrue(s, c.index())).isEqualTo(w.species().get(s).probability(c) >= 0.9);
      }
    }
    assertThat(gt.itemConcepts().rows()).isEqualTo(w.size());
    for (int i = 0; i < w.size(); i++) {
      for (int k : w.presentConcepts(i)) {
        assertThat(gt.itemConcepts().get(i, k)).isEqualTo(1f);
      }
    }
    assertThatThrownBy(() -> w.groundTruth(0)).hasMessageContaining("threshold");
  }

  @Test
  void invalidConfigsAreRejectedNamingTheSetting() {
    assertThatThrownBy(() -> WorldConfig.defaults().withImageSize(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("world imageSize must be in [64, 1024], got 10");
    assertThatThrownBy(() -> WorldConfig.defaults().withSpecies(25))
        .hasMessage("world species must be in [2, 24], got 25");
    assertThatThrownBy(() -> WorldConfig.defaults().withSplitFractions(0.5, 0.5))
        .hasMessageContaining("valFraction + testFraction must be below 1");
    assertThatThrownBy(() -> WorldConfig.defaults().withOcclusionRate(1.5)).hasMessageContaining("occlusionRate");
    assertThatThrownBy(() -> World.generate(TestWorlds.small(1)).render(24)).hasMessageContaining("image index 24");
  }
}
