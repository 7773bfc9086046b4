package dev.glassbox.methods.dncbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.math.FloatMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class AtomNamingTest {
  static ConceptEmbeddings vocabulary() {
    // "red" has a large norm but points away from atom 0; cosine, not the dot product, decides.
    FloatMatrix e = FloatMatrix.of(new float[][] {{10, 1, 0}, {0, 0.1f, 0}, {0.5f, 0, 0.5f}});
    return new ConceptEmbeddings(ConceptSet.ofTexts(List.of("red", "wing", "beak")), e, null);
  }

  @Test
  void eachAtomTakesTheVocabularyEntryWithLargestCosine() {
    FloatMatrix atoms = FloatMatrix.of(new float[][] {{0.1f, 1, 0}, {1, 0, 0.9f}, {1, 0.05f, 0}});
    List<AtomNaming.AtomName> names = AtomNaming.nearest(atoms, vocabulary());
    assertThat(names).extracting(AtomNaming.AtomName::text).containsExactly("wing", "beak", "red");
    assertThat(names.get(0).cosine()).isCloseTo((float) (1 / Math.sqrt(1.01)), offset(1e-5f));
    assertThat(names.get(1).vocabularyIndex()).isEqualTo(2);
  }

  @Test
  void sharedNamesStayUniqueTheClosestAtomKeepsThePlainName() {
    FloatMatrix atoms = FloatMatrix.of(new float[][] {{0.3f, 1, 0}, {0, 1, 0}, {1, 0, 1}});
    ConceptSet set = AtomNaming.concepts(3, AtomNaming.nearest(atoms, vocabulary()));
    assertThat(set.texts()).containsExactly("wing [atom 0]", "wing", "beak");
    assertThat(set.get(0).metadata()).containsEntry("atom", "0").containsEntry("name", "wing");
    assertThat(set.get(0).source()).isEqualTo("sae");
  }

  @Test
  void withoutVocabularyAtomsAreNumbered() {
    assertThat(AtomNaming.concepts(3, null).texts()).containsExactly("atom_0000", "atom_0001", "atom_0002");
  }

  @Test
  void rejectsAVocabularyFromAnotherSpace() {
    assertThatThrownBy(() -> AtomNaming.nearest(FloatMatrix.zeros(2, 4), vocabulary()))
        .hasMessage("vocabulary embeddings are 3-d but the atoms are 4-d; embed the vocabulary with the image encoder's text tower");
  }
}
