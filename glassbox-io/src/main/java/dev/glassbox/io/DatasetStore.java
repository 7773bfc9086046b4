package dev.glassbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.data.Dataset;
import dev.glassbox.data.GroundTruth;
import dev.glassbox.data.Split;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.RowSource;
import dev.glassbox.util.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dataset directory format:
 * <pre>
 * dataset.json              format, version, name, item count, dimension, encoder, metadata
 * classes.txt               one class name per line (label order)
 * index.jsonl               one item per line: {"id": ..., "label": "class name", "split": "train|val|test"}
 * embeddings.npy            [items × dim] float32 or float16, row i for line i of the index
 * concepts.json             optional concept set (Glassbox concept JSON)
 * concept_embeddings.npy    optional [concepts × dim], from the same encoder as the embeddings
 * class_embeddings.npy      optional [classes × dim]: the class names' text embeddings, row y for
 *                           line y of classes.txt, from the encoder of the concepts (read by
 *                           Concept Matrix Search)
 * ground_truth.json         optional: each class's true concepts (by text), visual flags
 * item_concepts.npy         optional [items × concepts] 0/1 presence
 * </pre>
 * Reading checks everything against everything else and names the file, line and value at fault;
 * writing is atomic. Embeddings are memory-mapped, so datasets may exceed the heap.
 */
public final class DatasetStore {
  public static final String FORMAT = "glassbox-dataset";
  public static final int FORMAT_VERSION = 1;
  public static final String META = "dataset.json";
  public static final String CLASSES = "classes.txt";
  public static final String INDEX = "index.jsonl";
  public static final String EMBEDDINGS = "embeddings.npy";
  public static final String CONCEPTS = "concepts.json";
  public static final String CONCEPT_EMBEDDINGS = "concept_embeddings.npy";
  public static final String CLASS_EMBEDDINGS = "class_embeddings.npy";
  public static final String GROUND_TRUTH = "ground_truth.json";
  public static final String ITEM_CONCEPTS = "item_concepts.npy";
  /** The report of 'glassbox concepts filter' on the concepts it kept. */
  public static final String FILTER_REPORT = "filter-report.json";
  /** The record of 'glassbox concepts select' on the concepts it picked. */
  public static final String SELECTION = "selection.json";

  private DatasetStore() {}

  /**
   * A dataset with its optional concept set and class-name embeddings ({@code [classes × dim]}, or
   * null). Close it to release the embedding map.
   */
  public record Stored(Dataset dataset, ConceptEmbeddings concepts, FloatMatrix classEmbeddings, AutoCloseable resource)
      implements AutoCloseable {
    public Stored(Dataset dataset, ConceptEmbeddings concepts, AutoCloseable resource) {
      this(dataset, concepts, null, resource);
    }

    @Override
    public void close() throws Exception {
      if (resource != null) {
        resource.close();
      }
    }
  }

  /** Writes a dataset (and optional concepts) to {@code dir} atomically. */
  public static void write(Path dir, Dataset d, ConceptEmbeddings concepts, EncoderIdentity encoder, boolean replace) throws IOException {
    write(dir, d, concepts, null, encoder, replace, tmp -> {});
  }

  /**
   * Writes a dataset with optional concepts and class-name embeddings ({@code [classes × dim]}, or
   * null) to {@code dir} atomically.
   */
  public static void write(Path dir, Dataset d, ConceptEmbeddings concepts, FloatMatrix classEmbeddings, EncoderIdentity encoder,
      boolean replace) throws IOException {
    write(dir, d, concepts, classEmbeddings, encoder, replace, tmp -> {});
  }

  /**
   * Writes a dataset (and optional concepts and class-name embeddings) to {@code dir} atomically,
   * with extra files that {@code extra} adds to the directory before it is renamed into place
   * (reports, logs). The embeddings are streamed a block of rows at a time, so a memory-mapped
   * source never needs to fit in the heap.
   */
  public static void write(Path dir, Dataset d, ConceptEmbeddings concepts, FloatMatrix classEmbeddings, EncoderIdentity encoder,
      boolean replace, AtomicFiles.DirectoryWriter extra) throws IOException {
    if (classEmbeddings != null && (classEmbeddings.rows() != d.numClasses() || classEmbeddings.cols() != d.dim())) {
      throw new IllegalArgumentException("class embeddings are " + classEmbeddings.shape() + " but dataset '" + d.name() + "' needs "
          + d.numClasses() + " × " + d.dim() + " (one row per class, in the embeddings' dimension)");
    }
    AtomicFiles.writeDirectory(dir, replace, tmp -> {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("format", FORMAT);
      meta.put("formatVersion", FORMAT_VERSION);
      meta.put("name", d.name());
      meta.put("items", d.size());
      meta.put("dim", d.dim());
      meta.put("classes", d.numClasses());
      if (encoder != null) {
        meta.put("encoder", ModelStore.encoderToJson(encoder));
      }
      // Sorted: a dataset's metadata map has no stable order, and the file must be reproducible byte for byte.
      meta.put("metadata", new java.util.TreeMap<>(d.metadata()));
      AtomicFiles.write(tmp.resolve(META), Json.bytes(meta));
      AtomicFiles.write(tmp.resolve(CLASSES), (String.join("\n", d.classNames()) + "\n").getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < d.size(); i++) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", d.ids().get(i));
        row.put("label", d.classNames().get(d.labels()[i]));
        row.put("split", d.splits()[i].code());
        sb.append(Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(row)).append('\n');
      }
      AtomicFiles.write(tmp.resolve(INDEX), sb.toString().getBytes(StandardCharsets.UTF_8));
      Npy.write(tmp.resolve(EMBEDDINGS), d.embeddings(), NpyDtype.FLOAT32);
      if (concepts != null) {
        ConceptSetFiles.write(tmp.resolve(CONCEPTS), concepts.concepts());
        Npy.write(tmp.resolve(CONCEPT_EMBEDDINGS), concepts.embeddings(), NpyDtype.FLOAT32);
      }
      if (classEmbeddings != null) {
        Npy.write(tmp.resolve(CLASS_EMBEDDINGS), classEmbeddings, NpyDtype.FLOAT32);
      }
      if (d.groundTruth() != null) {
        writeGroundTruth(tmp, d, concepts);
      }
      extra.write(tmp);
    });
  }

  /**
   * Attaches a concept set to an existing dataset directory, replacing any concepts it had: a new
   * directory is built beside it (unchanged files hard-linked, or copied where links are not
   * supported), {@code concepts.json}, {@code concept_embeddings.npy} and {@code dataset.json}
   * (which records the concept encoder) are written into it, and it replaces the old one
   * atomically. The dimension is checked against the item embeddings.
   *
   * @param conceptEncoder the text encoder that embedded the concepts, recorded as {@code conceptEncoder}
   * @throws IllegalArgumentException when the dimensions differ, or the dataset carries ground truth
   *     over its current concepts (which a new concept set would orphan)
   */
  public static void attachConcepts(Path dir, ConceptEmbeddings concepts, EncoderIdentity conceptEncoder) throws IOException {
    Path metaFile = dir.resolve(META);
    JsonNode meta = Json.read(metaFile);
    int dim;
    try (MappedNpy emb = Npy.map(dir.resolve(EMBEDDINGS))) {
      dim = emb.cols();
    }
    if (concepts.dim() != dim) {
      EncoderIdentity enc = ModelStore.encoderFromJson(meta.path("encoder"));
      throw new IllegalArgumentException("the concept embeddings are " + concepts.dim() + "-d (encoder '"
          + (conceptEncoder == null ? "unknown" : conceptEncoder.name()) + "') but the item embeddings of " + dir + " are " + dim
          + "-d (encoder '" + (enc == null ? "unknown" : enc.name()) + "'); encode the concepts with the encoder that made the dataset");
    }
    if (Files.exists(dir.resolve(GROUND_TRUTH))) {
      throw new IllegalArgumentException(dir + " carries ground truth over its current concepts (" + GROUND_TRUTH
          + "); attaching another concept set would orphan it, so write the new concepts to a copy without the ground truth");
    }
    Map<String, Object> newMeta = Json.toMap(meta);
    if (conceptEncoder != null) {
      newMeta.put("conceptEncoder", ModelStore.encoderToJson(conceptEncoder));
    } else {
      newMeta.remove("conceptEncoder");
    }
    AtomicFiles.writeDirectory(dir, true, tmp -> {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          String name = f.getFileName().toString();
          // The filter's and the selection's reports describe the concept set being replaced.
          if (name.equals(META) || name.equals(CONCEPTS) || name.equals(CONCEPT_EMBEDDINGS) || name.equals(FILTER_REPORT)
              || name.equals(SELECTION) || !Files.isRegularFile(f)) {
            continue;
          }
          try {
            Files.createLink(tmp.resolve(name), f);
          } catch (UnsupportedOperationException | IOException e) {
            Files.copy(f, tmp.resolve(name));
          }
        }
      }
      AtomicFiles.write(tmp.resolve(META), Json.bytes(newMeta));
      ConceptSetFiles.write(tmp.resolve(CONCEPTS), concepts.concepts());
      Npy.write(tmp.resolve(CONCEPT_EMBEDDINGS), concepts.embeddings(), NpyDtype.FLOAT32);
    });
  }

  private static void writeGroundTruth(Path tmp, Dataset d, ConceptEmbeddings concepts) throws IOException {
    GroundTruth gt = d.groundTruth();
    if (concepts == null) {
      throw new IllegalArgumentException("dataset '" + d.name() + "' has ground truth over concepts but no concept set to name them");
    }
    Map<String, Object> g = new LinkedHashMap<>();
    Map<String, Object> cc = new LinkedHashMap<>();
    for (int c = 0; c < gt.numClasses(); c++) {
      List<String> names = new ArrayList<>();
      for (int k : gt.classConcepts().get(c)) {
        names.add(concepts.concepts().get(k).text());
      }
      cc.put(d.classNames().get(c), names);
    }
    g.put("classConcepts", cc);
    if (gt.visual() != null) {
      Map<String, Object> vis = new LinkedHashMap<>();
      for (int k = 0; k < gt.visual().length; k++) {
        vis.put(concepts.concepts().get(k).text(), gt.visual()[k]);
      }
      g.put("visual", vis);
    }
    AtomicFiles.write(tmp.resolve(GROUND_TRUTH), Json.bytes(g));
    if (gt.itemConcepts() != null) {
      Npy.write(tmp.resolve(ITEM_CONCEPTS), gt.itemConcepts(), NpyDtype.FLOAT16);
    }
  }

  /** The encoder recorded in a dataset directory's {@code dataset.json}, or null when it records none. */
  public static EncoderIdentity encoder(Path dir) throws IOException {
    return ModelStore.encoderFromJson(Json.read(dir.resolve(META)).path("encoder"));
  }

  /** Reads a dataset directory, checking every file against the others. */
  public static Stored read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, Files.exists(dir) ? "is not a dataset directory" : "no such dataset directory");
    }
    Path metaFile = dir.resolve(META);
    JsonNode meta = Json.read(metaFile);
    if (!FORMAT.equals(meta.path("format").asText())) {
      throw new IllegalArgumentException(metaFile + " is not a Glassbox dataset description (format '" + meta.path("format").asText() + "')");
    }
    int v = meta.path("formatVersion").asInt(-1);
    if (v < 1 || v > FORMAT_VERSION) {
      throw new IllegalArgumentException(metaFile + " has dataset format version " + v + "; this Glassbox reads 1 to " + FORMAT_VERSION);
    }
    List<String> classes = readClasses(dir.resolve(CLASSES));
    Map<String, Integer> classIndex = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      classIndex.put(classes.get(i), i);
    }
    List<String> ids = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<Split> splits = new ArrayList<>();
    Path indexFile = dir.resolve(INDEX);
    readIndex(indexFile, classIndex, ids, labels, splits);
    MappedNpy emb = Npy.map(dir.resolve(EMBEDDINGS));
    try {
      if (emb.rows() != ids.size()) {
        throw new IllegalArgumentException(dir.resolve(EMBEDDINGS) + " has " + emb.rows() + " rows but " + indexFile + " lists " + ids.size()
            + " items; they must match line for row");
      }
      int dim = meta.path("dim").asInt(emb.cols());
      if (dim != emb.cols()) {
        throw new IllegalArgumentException(dir.resolve(EMBEDDINGS) + " has " + emb.cols() + "-d rows but " + metaFile + " says dim " + dim);
      }
      checkFinite(emb, dir.resolve(EMBEDDINGS), ids);
      EncoderIdentity enc = ModelStore.encoderFromJson(meta.path("encoder"));
      ConceptEmbeddings ce = readConcepts(dir, enc, emb.cols());
      Map<String, String> md = new LinkedHashMap<>();
      meta.path("metadata").fields().forEachRemaining(e -> md.put(e.getKey(), e.getValue().asText()));
      if (enc != null) {
        md.putIfAbsent("encoder", enc.name());
        md.putIfAbsent("encoder_sha256", enc.sha256());
        md.putIfAbsent("encoder_dim", Integer.toString(enc.dim()));
      }
      RowSource source = emb;
      GroundTruth gt = readGroundTruth(dir, classes, ce, ids.size());
      Dataset d = new Dataset(meta.path("name").asText(dir.getFileName().toString()), classes, ids,
          labels.stream().mapToInt(Integer::intValue).toArray(), splits.toArray(new Split[0]), source, gt, md);
      FloatMatrix classEmb = readClassEmbeddings(dir, classes, emb.cols());
      return new Stored(d, ce, classEmb, emb);
    } catch (IOException | RuntimeException e) {
      emb.close();
      throw e;
    }
  }

  static List<String> readClasses(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no class list (one class name per line)");
    }
    List<String> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> lines = TextFiles.readLines(file, "class list");
    for (int i = 0; i < lines.size(); i++) {
      String s = lines.get(i).strip();
      if (s.isEmpty()) {
        continue;
      }
      Integer prev = seen.put(s, i + 1);
      if (prev != null) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": class \"" + s + "\" already appears on line " + prev);
      }
      out.add(s);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + " lists no classes");
    }
    return out;
  }

  private static void readIndex(Path file, Map<String, Integer> classIndex, List<String> ids, List<Integer> labels, List<Split> splits)
      throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no item index (one JSON object per line: id, label, split)");
    }
    Map<String, Integer> seen = new HashMap<>();
    int no = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        no++;
        if (no == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = Json.MAPPER.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(file + " line " + no + " is not valid JSON: " + line.strip());
        }
        if (!n.hasNonNull("id") || !n.hasNonNull("label")) {
          throw new IllegalArgumentException(file + " line " + no + " needs \"id\" and \"label\": " + line.strip());
        }
        String id = n.get("id").asText();
        String label = n.get("label").asText();
        Integer c = classIndex.get(label);
        if (c == null) {
          throw new IllegalArgumentException(file + " line " + no + ": item '" + id + "' has label \"" + label
              + "\", which is not in " + CLASSES);
        }
        Integer prev = seen.put(id, no);
        if (prev != null) {
          throw new IllegalArgumentException(file + " line " + no + ": item id '" + id + "' already appears on line " + prev);
        }
        Split s;
        try {
          s = Split.parse(n.path("split").asText("train"));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + " line " + no + ": " + e.getMessage());
        }
        ids.add(id);
        labels.add(c);
        splits.add(s);
      }
    } catch (CharacterCodingException e) {
      throw TextFiles.notUtf8(file, "item index", no + 1);
    }
  }

  private static void checkFinite(RowSource emb, Path file, List<String> ids) {
    int d = emb.cols();
    int block = Math.max(1, (1 << 20) / Math.max(1, d));
    float[] buf = new float[block * d];
    for (int s = 0; s < emb.rows(); s += block) {
      int n = Math.min(block, emb.rows() - s);
      emb.readRows(s, n, buf, 0);
      for (int i = 0; i < n * d; i++) {
        if (!Float.isFinite(buf[i])) {
          int row = s + i / d;
          throw new IllegalArgumentException(file + " row " + row + " (item '" + ids.get(row) + "') holds " + buf[i] + " at dimension "
              + (i % d) + "; embeddings must be finite");
        }
      }
    }
  }

  private static ConceptEmbeddings readConcepts(Path dir, EncoderIdentity enc, int dim) throws IOException {
    Path cf = dir.resolve(CONCEPTS);
    Path ef = dir.resolve(CONCEPT_EMBEDDINGS);
    if (!Files.exists(cf) && !Files.exists(ef)) {
      return null;
    }
    if (!Files.exists(cf) || !Files.exists(ef)) {
      Path missing = Files.exists(cf) ? ef : cf;
      throw new NoSuchFileException(missing.toString(), null, "is missing; a dataset's concepts need both " + CONCEPTS + " and " + CONCEPT_EMBEDDINGS);
    }
    ConceptSet set = ConceptSetFiles.readJson(cf);
    FloatMatrix e = Npy.readMatrix(ef);
    if (e.rows() != set.size()) {
      throw new IllegalArgumentException(ef + " has " + e.rows() + " rows but " + cf + " lists " + set.size() + " concepts");
    }
    if (e.cols() != dim) {
      throw new IllegalArgumentException(ef + " has " + e.cols() + "-d rows but the item embeddings are " + dim
          + "-d; encode the concepts with the same encoder as the images");
    }
    long bad = e.firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException(ef + " row " + bad / e.cols() + " (concept \"" + set.get((int) (bad / e.cols())).text() + "\") holds "
          + e.data()[(int) bad] + "; concept embeddings must be finite");
    }
    return new ConceptEmbeddings(set, e, enc);
  }

  private static FloatMatrix readClassEmbeddings(Path dir, List<String> classes, int dim) throws IOException {
    Path f = dir.resolve(CLASS_EMBEDDINGS);
    if (!Files.exists(f)) {
      return null;
    }
    FloatMatrix e = Npy.readMatrix(f);
    if (e.rows() != classes.size()) {
      throw new IllegalArgumentException(f + " has " + e.rows() + " rows but " + dir.resolve(CLASSES) + " lists " + classes.size()
          + " classes; give one class-name embedding per class, in that order");
    }
    if (e.cols() != dim) {
      throw new IllegalArgumentException(f + " has " + e.cols() + "-d rows but the item embeddings are " + dim
          + "-d; encode the class names with the same encoder as the concepts");
    }
    long bad = e.firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException(f + " row " + bad / e.cols() + " (class \"" + classes.get((int) (bad / e.cols())) + "\") holds "
          + e.data()[(int) bad] + "; class embeddings must be finite");
    }
    return e;
  }

  private static GroundTruth readGroundTruth(Path dir, List<String> classes, ConceptEmbeddings ce, int items) throws IOException {
    Path gf = dir.resolve(GROUND_TRUTH);
    if (!Files.exists(gf)) {
      return null;
    }
    if (ce == null) {
      throw new IllegalArgumentException(gf + " names concepts, but the dataset has no " + CONCEPTS);
    }
    JsonNode g = Json.read(gf);
    List<int[]> per = new ArrayList<>();
    for (String c : classes) {
      JsonNode list = g.path("classConcepts").path(c);
      int[] idx = new int[list.size()];
      int i = 0;
      for (JsonNode t : list) {
        int k = ce.concepts().indexOf(t.asText());
        if (k < 0) {
          throw new IllegalArgumentException(gf + ": class \"" + c + "\" names concept \"" + t.asText() + "\", which is not in " + CONCEPTS);
        }
        idx[i++] = k;
      }
      per.add(idx);
    }
    boolean[] visual = null;
    if (g.has("visual")) {
      visual = new boolean[ce.concepts().size()];
      for (int k = 0; k < visual.length; k++) {
        visual[k] = g.path("visual").path(ce.concepts().get(k).text()).asBoolean(true);
      }
    }
    FloatMatrix item = null;
    Path ic = dir.resolve(ITEM_CONCEPTS);
    if (Files.exists(ic)) {
      item = Npy.readMatrix(ic);
      if (item.rows() != items || item.cols() != ce.concepts().size()) {
        throw new IllegalArgumentException(ic + " has shape " + item.shape() + "; expected " + items + " × " + ce.concepts().size());
      }
    }
    return new GroundTruth(per, item, visual);
  }
}
