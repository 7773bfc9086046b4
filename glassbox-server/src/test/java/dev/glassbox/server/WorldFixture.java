package dev.glassbox.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encoders.onnx.ClipModelDirectory;
import dev.glassbox.encoders.onnx.OnnxClipImageEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.ModelStore;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.world.PngEncoder;
import dev.glassbox.world.World;
import dev.glassbox.world.WorldConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model over the concept world's bird images, embedded with the shipped world image tower:
 * species as classes, the world's visual concepts as CAV-like directions (mean embedding of images
 * showing the concept minus the mean of those that do not). The model records the tower's identity,
 * so the server finds it through its {@code ImageEncoderProvider} and embeds uploaded images with it.
 * {@link #clipDir} also assembles the tiny CLIP fixture, for tests of explicit {@code --encoder}
 * mappings.
 */
final class WorldFixture {
  static final String ENCODER_NAME = "tiny-clip-test";

  private WorldFixture() {}

  /** Where the fixture wrote everything. */
  record Built(Path models, Path clipDir, Path datasetDir, Path samplesDir, World world, List<Integer> sampleItems) {}

  /** A CLIP model directory for the tiny fixture (image tower only is used; the text tower and merges file must exist). */
  static Path clipDir(Path dir) throws IOException {
    Path src = Path.of(System.getProperty("glassbox.tinyclip.dir", "../glassbox-encoders/src/test/resources/tiny-clip"));
    Path shared = Path.of(System.getProperty("glassbox.shared.dir", "../../shared"), "data", "clip-bpe", "bpe_simple_vocab_16e6.txt.gz");
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(src.resolve("glassbox-encoder.json").toFile());
    config.put("image_file", src.resolve("image.onnx").toAbsolutePath().toString());
    config.put("text_file", src.resolve("text.onnx").toAbsolutePath().toString());
    config.put("tokenizer_file", shared.toAbsolutePath().toString());
    json.writeValue(dir.resolve("glassbox-encoder.json").toFile(), config);
    return dir;
  }

  static Built build(Path root, int species, int perSpecies) throws IOException {
    Path clip = clipDir(root.resolve("tiny-clip"));
    World world = World.generate(WorldConfig.defaults().withSpecies(species).withImagesPerSpecies(perSpecies).withSeed(3));
    int n = world.size();
    FloatMatrix emb;
    try (dev.glassbox.world.tower.WorldImageEncoder enc = dev.glassbox.world.tower.WorldImageEncoder.load()) {
      float[] all = null;
      int dim = enc.dim();
      all = new float[n * dim];
      int batch = 32;
      for (int s = 0; s < n; s += batch) {
        List<BufferedImage> imgs = new ArrayList<>();
        for (int i = s; i < Math.min(n, s + batch); i++) {
          imgs.add(world.render(i).image());
        }
        FloatMatrix e = enc.encode(imgs);
        System.arraycopy(e.data(), 0, all, s * dim, e.data().length);
      }
      emb = FloatMatrix.wrap(n, dim, all);
      ConceptSet concepts = world.concepts();
      int k = concepts.size();
      float[] dirs = new float[k * dim];
      List<Integer> keep = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        double[] in = new double[dim];
        double[] out = new double[dim];
        int nin = 0;
        int nout = 0;
        for (int i = 0; i < n; i++) {
          boolean present = false;
          for (int c : world.presentConcepts(i)) {
            present |= c == j;
          }
          double[] acc = present ? in : out;
          for (int d = 0; d < dim; d++) {
            acc[d] += all[i * dim + d];
          }
          if (present) {
            nin++;
          } else {
            nout++;
          }
        }
        if (nin >= 3 && nout >= 3) {
          keep.add(j);
          for (int d = 0; d < dim; d++) {
            dirs[j * dim + d] = (float) (in[d] / nin - out[d] / nout);
          }
        }
      }
      int[] kept = keep.stream().mapToInt(Integer::intValue).toArray();
      ConceptEmbeddings ce = new ConceptEmbeddings(concepts, FloatMatrix.wrap(k, dim, dirs), enc.identity()).select(kept);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ids.add(world.imageId(i));
      }
      Dataset d = new Dataset("world", world.speciesNames(), ids, world.labels(), world.splits(), emb, null,
          Map.of("encoder", enc.identity().name(), "encoder_sha256", enc.identity().sha256(), "encoder_dim", Integer.toString(enc.dim())));
      var r = CbmMethods.train("sparse", new TrainingInput(d, ce, 3), Map.of("dense-baseline", "false", "max-per-class", "10", "patience", "0", "selection", "best-validation"),
          ProgressListener.NONE);
      ConceptBottleneckModel model = r.model();
      Path models = Files.createDirectories(root.resolve("models"));
      ModelStore.save(model, models.resolve("birds").resolve("1"), false);
      Path data = root.resolve("birds-data");
      DatasetStore.write(data, d, ce, enc.identity(), false);
      Path samples = Files.createDirectories(root.resolve("samples"));
      List<Integer> sampleItems = new ArrayList<>();
      Split[] splits = world.splits();
      boolean[] seenSpecies = new boolean[species];
      for (int i = 0; i < n && sampleItems.size() < 8; i++) {
        int label = world.labels()[i];
        if (splits[i] == Split.TEST && !seenSpecies[label]) {
          seenSpecies[label] = true;
          sampleItems.add(i);
          Files.write(samples.resolve(String.format("%02d-%s.png", sampleItems.size(), world.speciesNames().get(label)
              .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"))), PngEncoder.rgb(world.render(i).image()));
        }
      }
      return new Built(models, clip, data, samples, world, sampleItems);
    }
  }
}
