package dev.glassbox.cli;

import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.Npy;
import dev.glassbox.math.FloatMatrix;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where one input embedding comes from: a dataset item, a .npy row, or numbers on the command line. */
final class EmbeddingInput {
  @Option(names = "--data", paramLabel = "DIR", description = "Dataset directory holding the item (with --item).")
  Path data;

  @Option(names = "--item", paramLabel = "ID", description = "Item id in the dataset's index.jsonl (with --data).")
  String item;

  @Option(names = "--embedding-file", paramLabel = "FILE", description = "A .npy file of embeddings; see --row.")
  Path embeddingFile;

  @Option(names = "--row", paramLabel = "N", defaultValue = "0", description = "Row of --embedding-file (default: ${DEFAULT-VALUE}).")
  int row;

  @Option(names = "--embedding", paramLabel = "V1,V2,…", description = "The embedding itself, comma-separated.")
  String embedding;

  /** What was read: the embedding and a label for it. */
  record Input(float[] embedding, String label, String trueClass) {}

  Input read() throws Exception {
    int given = (data != null || item != null ? 1 : 0) + (embeddingFile != null ? 1 : 0) + (embedding != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException("give exactly one input: --data DIR --item ID, --embedding-file FILE [--row N], or --embedding V1,V2,…");
    }
    if (data != null || item != null) {
      if (data == null || item == null) {
        throw new IllegalArgumentException("--data and --item go together");
      }
      try (DatasetStore.Stored s = DatasetStore.read(data)) {
        int i = s.dataset().ids().indexOf(item);
        if (i < 0) {
          throw new IllegalArgumentException("dataset " + data + " has no item '" + item + "'");
        }
        float[] x = new float[s.dataset().dim()];
        s.dataset().embeddings().readRows(i, 1, x, 0);
        return new Input(x, item, s.dataset().classNames().get(s.dataset().labels()[i]));
      }
    }
    if (embeddingFile != null) {
      FloatMatrix m = Npy.readMatrix(embeddingFile);
      if (row < 0 || row >= m.rows()) {
        throw new IllegalArgumentException("--row " + row + " is out of range: " + embeddingFile + " has " + m.rows() + " rows");
      }
      return new Input(m.row(row), embeddingFile.getFileName() + "[" + row + "]", null);
    }
    String[] parts = embedding.split(",");
    float[] x = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        x[i] = Float.parseFloat(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--embedding value " + i + " is not a number: '" + parts[i].strip() + "'");
      }
    }
    return new Input(x, "embedding", null);
  }
}
