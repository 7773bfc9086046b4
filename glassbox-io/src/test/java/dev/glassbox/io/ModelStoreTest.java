package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.edit.ModelEdit;
import dev.glassbox.edit.ModelEditor;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  static SynthData data;
  static ConceptBottleneckModel model;

  @TempDir
  Path tmp;

  @BeforeAll
  static void train() {
    data = SynthGenerator.generate(SynthConfig.of(4, 20, 400, 16, 5));
    model = CbmMethods.train("sparse", new TrainingInput(data.dataset(), data.concepts(), 3), Map.of("path-length", "20"),
        ProgressListener.NONE).model();
  }

  Path saved() throws Exception {
    Path dir = tmp.resolve("model");
    ModelStore.save(model, dir, false);
    return dir;
  }

  @Test
  void saveThenLoadGivesBitIdenticalPredictions() throws Exception {
    ConceptBottleneckModel back = ModelStore.load(saved());
    FloatMatrix x = data.dataset().embeddings().toMatrix();
    assertThat(back.logits(x).data()).containsExactly(model.logits(x).data());
    assertThat(back.concepts()).isEqualTo(model.concepts());
    assertThat(back.classNames()).isEqualTo(model.classNames());
    assertThat(back.provenance().config()).isEqualTo(model.provenance().config());
    assertThat(back.provenance().seed()).isEqualTo(3);
    assertThat(back.provenance().encoder()).isEqualTo(model.provenance().encoder());
  }

  @Test
  void editsSurviveSaveAndLoad() throws Exception {
    ConceptBottleneckModel e = ModelEditor.apply(model, new ModelEdit.RemoveConcept(model.concepts().get(0).text()));
    Path dir = tmp.resolve("edited");
    ModelStore.save(e, dir, false);
    ConceptBottleneckModel back = ModelStore.load(dir);
    assertThat(back.provenance().edits()).hasSize(1);
    assertThat(back.provenance().edits().get(0)).containsEntry("edit", "remove");
    assertThat(back.numConcepts()).isEqualTo(model.numConcepts() - 1);
  }

  @Test
  void flippedByteFailsTheChecksum() throws Exception {
    Path dir = saved();
    Path t = dir.resolve(ModelStore.TENSORS);
    byte[] b = Files.readAllBytes(t);
    b[b.length - 3] ^= 0x40;
    Files.write(t, b);
    assertThatThrownBy(() -> ModelStore.load(dir)).isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("tensors.safetensors fails its checksum");
  }

  @Test
  void truncatedTensorFileIsNamedAsTruncated() throws Exception {
    Path dir = saved();
    Path t = dir.resolve(ModelStore.TENSORS);
    byte[] b = Files.readAllBytes(t);
    Files.write(t, java.util.Arrays.copyOf(b, b.length / 2));
    assertThatThrownBy(() -> ModelStore.load(dir)).hasMessageContaining("(the file is truncated)");
  }

  @Test
  void missingFilesAreNamed() throws Exception {
    Path dir = saved();
    Files.delete(dir.resolve(ModelStore.TENSORS));
    assertThatThrownBy(() -> ModelStore.load(dir)).hasMessageContaining("tensors.safetensors is missing");
    Files.delete(dir.resolve(ModelStore.MANIFEST));
    assertThatThrownBy(() -> ModelStore.load(dir)).hasMessageContaining("manifest.json is missing");
    assertThatThrownBy(() -> ModelStore.load(tmp.resolve("nowhere"))).hasMessageContaining("no such model directory");
  }

  @Test
  void newerFormatVersionIsRefusedByName() throws Exception {
    Path dir = saved();
    ObjectNode m = (ObjectNode) Json.read(dir.resolve(ModelStore.MANIFEST));
    m.put("formatVersion", 99);
    Files.write(dir.resolve(ModelStore.MANIFEST), Json.bytes(m));
    assertThatThrownBy(() -> ModelStore.load(dir)).hasMessageContaining("has model format version 99, newer than this Glassbox reads (1)");
  }

  @Test
  void conceptCountMismatchIsDetected() throws Exception {
    Path dir = saved();
    ObjectNode m = (ObjectNode) Json.read(dir.resolve(ModelStore.MANIFEST));
    ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("concepts")).remove(0);
    Files.write(dir.resolve(ModelStore.MANIFEST), Json.bytes(m));
    assertThatThrownBy(() -> ModelStore.load(dir))
        .hasMessageContaining("lists 19 concepts but the tensors hold 20 bottleneck rows and 20 head columns");
  }

  @Test
  void theErrorsAreDistinct() throws Exception {
    // Each failure above names a different problem; a corrupt manifest is yet another.
    Path dir = saved();
    Files.writeString(dir.resolve(ModelStore.MANIFEST), "{ not json");
    assertThatThrownBy(() -> ModelStore.load(dir)).hasMessageContaining("manifest.json is not valid JSON");
  }

  @Test
  void savingOverAnExistingModelNeedsReplace() throws Exception {
    Path dir = saved();
    assertThatThrownBy(() -> ModelStore.save(model, dir, false)).hasMessageContaining("already exists");
    ModelStore.save(model, dir, true);
    assertThat(ModelStore.load(dir).numConcepts()).isEqualTo(model.numConcepts());
    try (var s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("model");
    }
  }

  @Test
  void aModelWithNonFiniteWeightsIsNotSaved() {
    FloatMatrix w = model.head().weight().copy();
    w.data()[w.cols() + 2] = Float.POSITIVE_INFINITY;
    ConceptBottleneckModel broken = model.withHead(model.head().withWeight(w));
    Path dir = tmp.resolve("broken");
    assertThatThrownBy(() -> ModelStore.save(broken, dir, false)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tensor 'head.weight' holds Infinity at [1, 2]");
    assertThat(dir).doesNotExist();
  }

  @Test
  void aModelWhoseTensorsHoldNaNIsNotLoaded() throws Exception {
    Path dir = saved();
    Path tf = dir.resolve(ModelStore.TENSORS);
    Map<String, dev.glassbox.math.Tensor> tensors = new java.util.LinkedHashMap<>(Safetensors.read(tf).tensors());
    dev.glassbox.math.Tensor bias = tensors.get("head.bias");
    float[] b = bias.data().clone();
    b[3] = Float.NaN;
    tensors.put("head.bias", new dev.glassbox.math.Tensor(bias.shape(), b));
    Safetensors.write(tf, tensors, Map.of("format", ModelStore.FORMAT, "formatVersion", "1"));
    // Re-record the checksum, as a tool that wrote the NaN would: the values are what is wrong.
    ObjectNode m = (ObjectNode) Json.read(dir.resolve(ModelStore.MANIFEST));
    ((ObjectNode) m.get("tensors")).put("sha256", ModelStore.sha256(tf)).put("bytes", Files.size(tf));
    Files.write(dir.resolve(ModelStore.MANIFEST), Json.bytes(m));
    assertThatThrownBy(() -> ModelStore.load(dir)).isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("tensors.safetensors does not hold a valid model: tensor 'head.bias' holds NaN at [3]");
  }
}
