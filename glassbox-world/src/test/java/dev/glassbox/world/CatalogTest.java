package dev.glassbox.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private final List<WorldConcept> concepts = ConceptCatalog.all();
  private final List<Species> species = SpeciesCatalog.all();

  @Test
  void hasAtLeastFortyVisualConceptsWithShortUniquePhrases() {
    assertThat(concepts).hasSizeGreaterThanOrEqualTo(40);
    Set<String> phrases = new HashSet<>();
    for (WorldConcept c : concepts) {
      assertThat(c.phrase().split(" ")).as(c.phrase()).hasSizeBetween(2, 4);
      assertThat(phrases.add(c.phrase())).as("duplicate " + c.phrase()).isTrue();
      assertThat(c.index()).isEqualTo(concepts.indexOf(c));
    }
  }

  @Test
  void paletteHasAtLeastTenNamedColours() {
    assertThat(BirdColor.values()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(Set.of(BirdColor.words())).contains("red", "orange", "yellow", "green", "blue", "brown", "black", "white", "grey", "buff", "olive");
  }

  @Test
  void conceptsCoverEveryPart() {
    Set<Part> parts = new HashSet<>();
    concepts.forEach(c -> {
      if (c.part() != null) {
        parts.add(c.part());
      }
    });
    assertThat(parts).containsExactlyInAnyOrder(Part.values());
  }

  @Test
  void conceptSetCarriesSourceWorldAndPartMetadata() {
    ConceptSet set = ConceptCatalog.conceptSet();
    assertThat(set.size()).isEqualTo(concepts.size());
    for (Concept c : set.concepts()) {
      assertThat(c.source()).isEqualTo("world");
      assertThat(c.metadata()).containsKeys("part", "attribute", "value");
    }
    assertThat(set.get(set.indexOf("hooked bill")).metadata()).containsEntry("part", "bill").containsEntry("attribute", "bill_shape");
    assertThat(set.get(set.indexOf("small bird")).metadata()).containsEntry("part", "all");
  }

  @Test
  void hasAtLeastTwentySpeciesWithUniqueNamesAndFolders() {
    assertThat(species).hasSizeGreaterThanOrEqualTo(20);
    assertThat(species.stream().map(Species::name).distinct()).hasSameSizeAs(species);
    assertThat(species.stream().map(Species::slug).distinct()).hasSameSizeAs(species);
    species.forEach(s -> assertThat(s.slug()).matches("[a-z0-9]+(-[a-z0-9]+)*"));
  }

  @Test
  void everySpeciesHasAtLeastFourDefiningConcepts() {
    for (Species s : species) {
      long defining = concepts.stream().filter(c -> s.probability(c) >= 0.9).count();
      assertThat(defining).as(s.name()).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void everyPairOfSpeciesDiffersInAtLeastTwoHighProbabilityConcepts() {
    for (int a = 0; a < species.size(); a++) {
      for (int b = a + 1; b < species.size(); b++) {
        Species x = species.get(a);
        Species y = species.get(b);
        long differing = concepts.stream()
            .filter(c -> Math.max(x.probability(c), y.probability(c)) >= 0.9 && Math.abs(x.probability(c) - y.probability(c)) >= 0.75)
            .count();
        assertThat(differing).as(x.name() + " vs " + y.name()).isGreaterThanOrEqualTo(2);
      }
    }
  }

  @Test
  void everyConceptIsCommonInSomeSpeciesAndRareInAQuarterOfThem() {
    for (WorldConcept c : concepts) {
      double max = species.stream().mapToDouble(s -> s.probability(c)).max().orElseThrow();
      long rare = species.stream().filter(s -> s.probability(c) <= 0.1).count();
      assertThat(max).as(c.phrase()).isGreaterThanOrEqualTo(0.5);
      assertThat(rare).as(c.phrase()).isGreaterThanOrEqualTo(species.size() / 4);
    }
  }

  @Test
  void speciesShareDefiningConceptsAsInCub() {
    long shared = concepts.stream().filter(c -> species.stream().filter(s -> s.probability(c) >= 0.9).count() >= 2).count();
    assertThat(shared).isGreaterThanOrEqualTo(concepts.size() / 2);
  }

  @Test
  void everyAttributeDistributionSumsToOne() {
    for (Species s : species) {
      for (Attribute a : Attribute.values()) {
        assertThat(java.util.Arrays.stream(s.distribution(a)).sum()).as(s.name() + " " + a.key()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  @Test
  void unknownAttributeValueIsRejectedWithTheAllowedValues() {
    assertThatThrownBy(() -> Attribute.BILL_SHAPE.indexOf("spoon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bill_shape").hasMessageContaining("spoon").hasMessageContaining("hooked");
    assertThatThrownBy(() -> ConceptCatalog.byPhrase("purple crown")).hasMessageContaining("purple crown");
  }
}
