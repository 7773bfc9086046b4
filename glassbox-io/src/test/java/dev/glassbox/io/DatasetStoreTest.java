package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.math.FloatMatrix;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStoreTest {
  @TempDir
  Path tmp;

  SynthData data;
  Path dir;

  @BeforeEach
  void write() throws Exception {
    data = SynthGenerator.generate(SynthConfig.of(3, 12, 90, 8, 1));
    dir = tmp.resolve("ds");
    DatasetStore.write(dir, data.dataset(), data.concepts(), data.concepts().encoder(), false);
  }

  @Test
  void roundTripKeepsEverything() throws Exception {
    try (DatasetStore.Stored s = DatasetStore.read(dir)) {
      assertThat(s.dataset().fingerprint()).isEqualTo(data.dataset().fingerprint());
      assertThat(s.concepts().concepts()).isEqualTo(data.concepts().concepts());
      assertThat(s.concepts().embeddings()).isEqualTo(data.concepts().embeddings());
      assertThat(s.dataset().groundTruth().classConcepts().get(2)).containsExactly(data.dataset().groundTruth().classConcepts().get(2));
      assertThat(s.dataset().groundTruth().itemConcepts()).isEqualTo(data.dataset().groundTruth().itemConcepts());
    }
  }

  @Test
  void missingFileIsNamed() throws Exception {
    Files.delete(dir.resolve(DatasetStore.INDEX));
    assertThatThrownBy(() -> DatasetStore.read(dir)).hasMessageContaining("index.jsonl");
  }

  @Test
  void unknownClassInTheIndexNamesTheLine() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve(DatasetStore.INDEX));
    lines.set(4, lines.get(4).replace("\"label\":\"class_1\"", "\"label\":\"unicorn\"").replace("\"label\":\"class_0\"", "\"label\":\"unicorn\"")
        .replace("\"label\":\"class_2\"", "\"label\":\"unicorn\""));
    Files.write(dir.resolve(DatasetStore.INDEX), lines);
    assertThatThrownBy(() -> DatasetStore.read(dir)).hasMessageContaining("index.jsonl line 5").hasMessageContaining("\"unicorn\", which is not in classes.txt");
  }

  @Test
  void classWithNoItemsIsRefused() throws Exception {
    Files.writeString(dir.resolve(DatasetStore.CLASSES), "class_0\nclass_1\nclass_2\nclass_3\n");
    assertThatThrownBy(() -> DatasetStore.read(dir)).hasMessageContaining("class \"class_3\"").hasMessageContaining("has no items");
  }

  @Test
  void nanInEmbeddingsNamesTheItem() throws Exception {
    FloatMatrix e = Npy.readMatrix(dir.resolve(DatasetStore.EMBEDDINGS));
    e.set(7, 3, Float.NaN);
    Npy.write(dir.resolve(DatasetStore.EMBEDDINGS), e, NpyDtype.FLOAT32);
    assertThatThrownBy(() -> DatasetStore.read(dir)).hasMessageContaining("row 7 (item 'item_07') holds NaN at dimension 3");
  }

  @Test
  void mismatchedConceptDimensionsAreRefused() throws Exception {
    Npy.write(dir.resolve(DatasetStore.CONCEPT_EMBEDDINGS), FloatMatrix.zeros(12, 5), NpyDtype.FLOAT32);
    assertThatThrownBy(() -> DatasetStore.read(dir)).hasMessageContaining("has 5-d rows but the item embeddings are 8-d");
  }

  @Test
  void wrongDtypeIsRefused() throws Exception {
    Npy.writeLongs(dir.resolve(DatasetStore.EMBEDDINGS), new long[] {1, 2, 3});
    assertThatThrownBy(() -> DatasetStore.read(dir)).hasMessageContaining("embeddings.npy holds <i8 values");
  }

  @Test
  void rowCountMismatchIsRefused() throws Exception {
    Npy.write(dir.resolve(DatasetStore.EMBEDDINGS), FloatMatrix.zeros(89, 8), NpyDtype.FLOAT32);
    assertThatThrownBy(() -> DatasetStore.read(dir)).hasMessageContaining("has 89 rows but").hasMessageContaining("lists 90 items");
  }

  @Test
  void conceptFilesMustComeInPairs() throws Exception {
    Files.delete(dir.resolve(DatasetStore.CONCEPT_EMBEDDINGS));
    assertThatThrownBy(() -> DatasetStore.read(dir)).hasMessageContaining("concept_embeddings.npy");
  }

  @Test
  void classEmbeddingsRoundTripAndAreOptional() throws Exception {
    try (DatasetStore.Stored s = DatasetStore.read(dir)) {
      assertThat(s.classEmbeddings()).isNull();
    }
    Path with = tmp.resolve("with-classes");
    DatasetStore.write(with, data.dataset(), data.concepts(), data.classEmbeddings(), data.concepts().encoder(), false);
    try (DatasetStore.Stored s = DatasetStore.read(with)) {
      assertThat(s.classEmbeddings()).isEqualTo(data.classEmbeddings());
    }
  }

  @Test
  void classEmbeddingsWithTheWrongShapeAreRefusedWithTheFile() throws Exception {
    Npy.write(dir.resolve(DatasetStore.CLASS_EMBEDDINGS), FloatMatrix.zeros(2, 8), NpyDtype.FLOAT32);
    assertThatThrownBy(() -> DatasetStore.read(dir)).hasMessageContaining(DatasetStore.CLASS_EMBEDDINGS)
        .hasMessageContaining("has 2 rows but").hasMessageContaining("lists 3 classes");
    Npy.write(dir.resolve(DatasetStore.CLASS_EMBEDDINGS), FloatMatrix.zeros(3, 5), NpyDtype.FLOAT32);
    assertThatThrownBy(() -> DatasetStore.read(dir)).hasMessageContaining("has 5-d rows but the item embeddings are 8-d");
    assertThatThrownBy(() -> DatasetStore.write(tmp.resolve("bad"), data.dataset(), data.concepts(), FloatMatrix.zeros(3, 5), null, false))
        .hasMessageContaining("class embeddings are 3 × 5 but dataset 'synth' needs 3 × 8");
  }
}
