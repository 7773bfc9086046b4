package dev.glassbox.cli;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.EmbeddingImport;
import dev.glassbox.io.MappedNpy;
import dev.glassbox.io.Npy;
import dev.glassbox.io.Safetensors;
import dev.glassbox.math.RowSource;
import dev.glassbox.math.Tensor;
import dev.glassbox.parquet.ParquetEmbeddings;
import dev.glassbox.util.TextFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
        "Import embeddings computed elsewhere into a dataset directory.",
        "  .npy          [items × dim] float32/float16/float64, with --labels (and optionally --ids)",
        "  .safetensors  a rank-2 tensor (--tensor NAME, or the file's only tensor), with --labels",
        "  .parquet      an embedding column (list<float>/list<double>, or a fixed-size list) and flat label",
        "                and id columns (strings or integers); names set by --*-column",
        "Labels from .npy or an integer Parquet column are class indices into --classes (or the numbers",
        "themselves when no class list is given); labels from .txt or a string column are class names.",
        "Checked: dimensions, row counts, NaN/Inf (named by row and item), labels missing from the class",
        "list, duplicate ids. Splits are drawn per class from --seed unless --split-column gives them.",
        "",
        "Example:",
        "  glassbox import --embeddings emb.npy --labels labels.npy --classes classes.txt --out my-data",
        "  glassbox import --embeddings emb.parquet --embedding-column vector --out my-data --encoder-name clip-vit-b16"})
final class ImportCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--embeddings", required = true, paramLabel = "FILE", description = "Embeddings: .npy, .safetensors or .parquet.")
  Path embeddings;

  @Option(names = "--tensor", paramLabel = "NAME", description = "Tensor of a .safetensors file (default: its only tensor).")
  String tensor;

  @Option(names = "--labels", paramLabel = "FILE", description = "Labels: .npy of class indices, or .txt of class names (one per line).")
  Path labels;

  @Option(names = "--ids", paramLabel = "FILE", description = "Item ids, one per line (default: item_000000, item_000001, …).")
  Path ids;

  @Option(names = "--classes", paramLabel = "FILE", description = "Class names, one per line, in label-index order.")
  Path classes;

  @Option(names = "--embedding-column", defaultValue = "embedding", description = "Parquet embedding column (default: ${DEFAULT-VALUE}).")
  String embeddingColumn;

  @Option(names = "--id-column", description = "Parquet id column (default: 'id' when the file has it).")
  String idColumn;

  @Option(names = "--label-column", defaultValue = "label", description = "Parquet label column (default: ${DEFAULT-VALUE}).")
  String labelColumn;

  @Option(names = "--split-column", description = "Parquet split column (train/val/test); default: splits are drawn.")
  String splitColumn;

  @Option(names = "--encoder-name", paramLabel = "NAME", description = "The encoder that made the embeddings, recorded so that concepts are checked against it.")
  String encoderName;

  @Option(names = "--name", description = "Dataset name (default: the output directory's name).")
  String name;

  @Option(names = "--out", required = true, paramLabel = "DATASET", description = "Dataset directory to write.")
  Path out;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the stratified split (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--val-fraction", defaultValue = "0.15", description = "Validation share per class (default: ${DEFAULT-VALUE}).")
  double valFraction;

  @Option(names = "--test-fraction", defaultValue = "0.15", description = "Test share per class (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--force", description = "Replace DATASET if it exists.")
  boolean force;

  @Option(names = "--json", description = "Print a JSON summary.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    // Checked even when --split-column gives the splits, so a typo never waits for the next import.
    Choices.splitFractions(spec, valFraction, testFraction);
    OutputPaths.checkNotOverInputs(spec, "--out", out, "--embeddings", embeddings, "--labels", labels, "--ids", ids, "--classes", classes);
    OutputPaths.checkWritableTarget(out, force);
    if (!Files.isRegularFile(embeddings)) {
      throw new NoSuchFileException(embeddings.toString(), null, "no such embeddings file");
    }
    String ext = embeddings.getFileName().toString().toLowerCase(Locale.ROOT);
    List<String> classList = classes == null ? null : readLines(classes, "class list");
    String dsName = name != null ? name : out.toAbsolutePath().normalize().getFileName().toString();
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("source", embeddings.toAbsolutePath().normalize().toString());
    Dataset d;
    AutoCloseable resource = null;
    try {
      if (ext.endsWith(".parquet")) {
        d = fromParquet(classList, dsName, meta);
      } else {
        RowSource rows;
        String what = embeddings.toString();
        if (ext.endsWith(".npy")) {
          MappedNpy m = Npy.map(embeddings);
          resource = m;
          rows = m;
        } else if (ext.endsWith(".safetensors")) {
          Map<String, Tensor> ts = Safetensors.read(embeddings).tensors();
          String t = tensor;
          if (t == null) {
            if (ts.size() != 1) {
              throw new IllegalArgumentException(embeddings + " holds " + ts.size() + " tensors " + ts.keySet() + "; name one with --tensor");
            }
            t = ts.keySet().iterator().next();
          }
          Tensor x = ts.get(t);
          if (x == null) {
            throw new IllegalArgumentException(embeddings + " has no tensor '" + t + "' (it has " + ts.keySet() + ")");
          }
          if (x.rank() != 2) {
            throw new IllegalArgumentException(embeddings + " tensor '" + t + "' has shape " + Arrays.toString(x.shape())
                + "; expected [items, dim]");
          }
          rows = x.asMatrix();
          what = embeddings + " tensor '" + t + "'";
          meta.put("tensor", t);
        } else {
          throw new IllegalArgumentException(embeddings + " has an unknown format; expected .npy, .safetensors or .parquet");
        }
        if (labels == null) {
          throw new IllegalArgumentException("--labels is required for " + embeddings.getFileName() + " (.npy of class indices or .txt of names)");
        }
        List<String> labelList;
        boolean indices = labels.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        if (indices) {
          labelList = new ArrayList<>();
          for (long v : Npy.readLongs(labels)) {
            labelList.add(Long.toString(v));
          }
        } else {
          labelList = readLines(labels, "label list");
        }
        List<String> idList = ids == null ? null : readLines(ids, "id list");
        d = EmbeddingImport.build(dsName, rows, idList, labelList, indices, classList, null, valFraction, testFraction, seed,
            new EmbeddingImport.Sources(what, labels.toString(), ids == null ? null : ids.toString()), meta);
      }
      EncoderIdentity enc = encoderName == null ? null : new EncoderIdentity(encoderName, "", d.dim());
      DatasetStore.write(out, d, null, enc, force);
    } finally {
      if (resource != null) {
        resource.close();
      }
    }
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("out", out.toString());
      m.put("items", d.size());
      m.put("dim", d.dim());
      m.put("classes", d.numClasses());
      m.put("splits", d.metadata().get("splits"));
      Output.json(w, m);
    } else {
      w.println("imported " + d.size() + " items (" + d.dim() + "-d, " + d.numClasses() + " classes) into " + out);
    }
    return 0;
  }

  /** A usage error naming {@code option} unless {@code 0 ≤ value < 1} (NaN never is). */
  private Dataset fromParquet(List<String> classList, String dsName, Map<String, String> meta) throws Exception {
    if (labels != null || ids != null || tensor != null) {
      throw new IllegalArgumentException("--labels, --ids and --tensor are for .npy and .safetensors; a Parquet file names its columns "
          + "(--label-column, --id-column)");
    }
    String idCol = idColumn;
    if (idCol == null) {
      // The default id column is used when the file has one; otherwise ids are generated.
      idCol = ParquetEmbeddings.columnNames(embeddings).contains("id") ? "id" : null;
    }
    // One column, one role: the reader takes each column's values once.
    Map<String, String> roles = new LinkedHashMap<>();
    for (String[] r : new String[][] {{"--embedding-column", embeddingColumn}, {"--id-column", idCol}, {"--label-column", labelColumn},
        {"--split-column", splitColumn}}) {
      if (r[1] != null) {
        String before = roles.put(r[1], r[0]);
        if (before != null) {
          throw Choices.usage(spec, before + " and " + r[0] + " both name the Parquet column '" + r[1]
              + "'; each column has one role (give the other option another column)");
        }
      }
    }
    ParquetEmbeddings.Contents c = ParquetEmbeddings.read(embeddings,
        new ParquetEmbeddings.Columns(embeddingColumn, idCol, labelColumn, splitColumn));
    List<Split> splits = null;
    if (c.splits() != null) {
      splits = new ArrayList<>();
      for (int i = 0; i < c.splits().size(); i++) {
        try {
          splits.add(Split.parse(c.splits().get(i)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(embeddings + " column '" + splitColumn + "' row " + i + ": " + e.getMessage());
        }
      }
    }
    String col = embeddings + " column ";
    meta.put("embeddingColumn", embeddingColumn);
    return EmbeddingImport.build(dsName, c.embeddings(), c.ids(), c.labels(), c.labelsAreIntegers(), classList, splits, valFraction,
        testFraction, seed, new EmbeddingImport.Sources(col + "'" + embeddingColumn + "'", col + "'" + labelColumn + "'",
            idCol == null ? null : col + "'" + idCol + "'"), meta);
  }

  private static List<String> readLines(Path file, String what) throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such " + what);
    }
    // Entries are matched by position (row i, label index i), so a blank line inside the list would
    // shift every entry after it: refused. Blank lines at the end are the file's end.
    List<String> lines = TextFiles.readLines(file, what);
    int last = lines.size() - 1;
    while (last >= 0 && lines.get(last).isBlank()) {
      last--;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i <= last; i++) {
      String s = lines.get(i).strip();
      if (s.isEmpty()) {
        throw new IllegalArgumentException(what + " " + file + " line " + (i + 1) + " is blank; it lists one entry per line, matched by "
            + "position, so every line up to the last entry must hold one");
      }
      out.add(s);
    }
    return out;
  }
}
