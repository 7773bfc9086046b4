package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.GroundTruth;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerivedDatasetsTest {
  @TempDir
  Path tmp;

  Path source;
  SynthData synth;

  @BeforeEach
  void setUp() throws Exception {
    synth = SynthGenerator.generate(SynthConfig.of(3, 12, 90, 8, 4));
    source = tmp.resolve("source");
    DatasetStore.write(source, synth.dataset(), synth.concepts(), synth.concepts().encoder(), false);
    Files.writeString(source.resolve("skipped.jsonl"), "{\"id\": \"x\"}\n");
  }

  @Test
  void keepsTheChosenConceptsAndRestrictsTheGroundTruthToThem() throws Exception {
    int[] keep = {0, 3, 4, 7, 11};
    Path target = tmp.resolve("derived");
    DerivedDatasets.withConceptSubset(source, target, keep, false,
        dir -> AtomicFiles.write(dir.resolve("report.json"), "{}".getBytes(StandardCharsets.UTF_8)));
    try (DatasetStore.Stored s = DatasetStore.read(target); DatasetStore.Stored src = DatasetStore.read(source)) {
      assertThat(s.concepts().concepts()).isEqualTo(src.concepts().concepts().select(keep));
      assertThat(s.concepts().embeddings()).isEqualTo(src.concepts().embeddings().selectRows(keep));
      assertThat(s.dataset().ids()).isEqualTo(src.dataset().ids());
      GroundTruth before = src.dataset().groundTruth();
      GroundTruth after = s.dataset().groundTruth();
      for (int c = 0; c < before.numClasses(); c++) {
        List<Integer> expected = new ArrayList<>();
        for (int j = 0; j < keep.length; j++) {
          if (before.isTrue(c, keep[j])) {
            expected.add(j);
          }
        }
        assertThat(after.classConcepts().get(c)).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
      }
      FloatMatrix presence = after.itemConcepts();
      assertThat(presence).isEqualTo(before.itemConcepts().selectColumns(keep));
    }
    assertThat(target.resolve("skipped.jsonl")).hasContent("{\"id\": \"x\"}");
    assertThat(target.resolve("report.json")).exists();
    assertThat(Files.isSameFile(target.resolve(DatasetStore.EMBEDDINGS), source.resolve(DatasetStore.EMBEDDINGS))).isTrue();
    try (DatasetStore.Stored src = DatasetStore.read(source)) {
      assertThat(src.concepts().concepts().size()).isEqualTo(12);
    }
  }

  @Test
  void aFileTheExtraWriterAddsReplacesTheCarriedOverOneWithoutTouchingTheSource() throws Exception {
    Path target = tmp.resolve("derived");
    DerivedDatasets.withConceptSubset(source, target, new int[] {1, 2}, false,
        dir -> AtomicFiles.write(dir.resolve("skipped.jsonl"), "new\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(target.resolve("skipped.jsonl")).hasContent("new");
    assertThat(source.resolve("skipped.jsonl")).hasContent("{\"id\": \"x\"}");
  }

  @Test
  void refusesBadIndicesAndWritesNothing() {
    Path target = tmp.resolve("never");
    assertThatThrownBy(() -> DerivedDatasets.withConceptSubset(source, target, new int[0], false, d -> {}))
        .hasMessageContaining("needs at least one concept");
    assertThatThrownBy(() -> DerivedDatasets.withConceptSubset(source, target, new int[] {3, 1}, false, d -> {}))
        .hasMessageContaining("strictly ascending, got 3 then 1");
    assertThatThrownBy(() -> DerivedDatasets.withConceptSubset(source, target, new int[] {1, 12}, false, d -> {}))
        .hasMessageContaining("index 12 is out of range; the source has 12 concepts");
    assertThat(target).doesNotExist();
  }

  @Test
  void theConceptEncoderIsTheAttachedOneWhenRecorded() throws Exception {
    assertThat(DerivedDatasets.conceptEncoder(source)).isEqualTo(synth.concepts().encoder());
    EncoderIdentity text = new EncoderIdentity("text-tower", "abc", 8);
    DatasetStore.attachConcepts(copyWithoutGroundTruth(), synth.concepts(), text);
    assertThat(DerivedDatasets.conceptEncoder(tmp.resolve("plain"))).isEqualTo(text);
  }

  @Test
  void attachingAnotherConceptSetDropsTheReportsOnTheOldOneAndKeepsOtherFiles() throws Exception {
    Path plain = copyWithoutGroundTruth();
    for (String report : new String[] {DatasetStore.FILTER_REPORT, DatasetStore.SELECTION, "skipped.jsonl"}) {
      Files.writeString(plain.resolve(report), "{}");
    }
    DatasetStore.attachConcepts(plain, synth.concepts(), new EncoderIdentity("text-tower", "abc", 8));
    assertThat(plain.resolve(DatasetStore.FILTER_REPORT)).doesNotExist();
    assertThat(plain.resolve(DatasetStore.SELECTION)).doesNotExist();
    assertThat(plain.resolve("skipped.jsonl")).exists();
  }

  private Path copyWithoutGroundTruth() throws Exception {
    Path plain = tmp.resolve("plain");
    Dataset d = synth.dataset();
    DatasetStore.write(plain, new Dataset(d.name(), d.classNames(), d.ids(), d.labels(), d.splits(), d.embeddings(), null, d.metadata()), null,
        synth.concepts().encoder(), false);
    return plain;
  }
}
