package dev.glassbox.server;

import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.ModelStore;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.TrainResult;
import dev.glassbox.pipeline.TrainingInput;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.model.Provenance;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;

/** Models for the server's tests, trained on synthetic data in a few seconds. */
final class Fixtures {
  private Fixtures() {}

  /** A trained synthetic model with the dataset it was trained on (saved too, for --data). */
  record Trained(ConceptBottleneckModel model, Path datasetDir, SynthData data) {}

  /** Trains the default sparse method on a synthetic dataset and saves the dataset to {@code datasetDir}. */
  static Trained synth(int classes, int concepts, int items, int dim, long seed, Path datasetDir) throws IOException {
    SynthData d = SynthGenerator.generate(SynthConfig.of(classes, concepts, items, dim, seed));
    TrainResult r = CbmMethods.train("sparse", new TrainingInput(d.dataset(), d.concepts(), seed),
        Map.of("path-length", "20", "dense-baseline", "false", "max-iterations", "200"), ProgressListener.NONE);
    if (datasetDir != null) {
      DatasetStore.write(datasetDir, d.dataset(), d.concepts(), d.concepts().encoder(), false);
    }
    return new Trained(r.model(), datasetDir, d);
  }

  /** Saves {@code model} as {@code MODELS/name/version}. */
  static Path save(Path models, String name, int version, ConceptBottleneckModel model) throws IOException {
    Path dir = models.resolve(name).resolve(Integer.toString(version));
    ModelStore.save(model, dir, false);
    return dir;
  }

  /** Row {@code i} of the synthetic dataset's embeddings. */
  static float[] embedding(SynthData d, int i) {
    float[] x = new float[d.dataset().dim()];
    d.dataset().embeddings().readRows(i, 1, x, 0);
    return x;
  }

  /** The model with {@code encoder} recorded as its image encoder. */
  static ConceptBottleneckModel withEncoder(ConceptBottleneckModel m, String encoder) {
    Provenance p = m.provenance();
    return m.withProvenance(new Provenance(p.glassboxVersion(), p.glassboxCommit(), p.java(), p.os(), p.createdAt(), p.method(),
        p.config(), p.seed(), p.datasetFingerprint(), p.conceptSetHash(), new EncoderIdentity(encoder, "", m.inputDim()), p.edits(),
        p.metrics()));
  }

  /** A small PNG: a coloured square on a background, varied by {@code seed}. */
  static byte[] png(int size, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    BufferedImage im = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = im.createGraphics();
    g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
    g.fillRect(0, 0, size, size);
    g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
    g.fillOval(r.nextInt(size / 2), r.nextInt(size / 2), size / 2, size / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(im, "png", out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
