package dev.glassbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.math.FloatMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dataset directories derived from another one by keeping a subset of its concepts: what concept
 * filtering and selection write. Items, classes, splits and item embeddings are the source's
 * (hard-linked where the file system allows, copied otherwise: the source's files are only ever
 * replaced by renames, never changed in place, so a link stays correct); the concept set and its
 * embeddings are the kept rows; ground truth that names concepts ({@code ground_truth.json},
 * {@code item_concepts.npy}) is restricted to the kept concepts, so metrics such as true-concept
 * recovery still work on the result. Any other file of the source (a skip list, an earlier stage's
 * report) is carried over, so the derived directory keeps its history. The result is written
 * atomically.
 */
public final class DerivedDatasets {
  /** Files rewritten for the kept concepts rather than carried over. */
  private static final Set<String> CONCEPT_FILES = Set.of(
      DatasetStore.CONCEPTS, DatasetStore.CONCEPT_EMBEDDINGS, DatasetStore.GROUND_TRUTH, DatasetStore.ITEM_CONCEPTS);

  private DerivedDatasets() {}

  /**
   * The encoder that made a dataset's concept embeddings: {@code conceptEncoder} in
   * {@code dataset.json} (recorded when concepts are attached with a text encoder), otherwise the
   * dataset's {@code encoder} (datasets written with their concepts, such as synthetic ones), or
   * null when neither is recorded.
   */
  public static EncoderIdentity conceptEncoder(Path dir) throws IOException {
    JsonNode meta = Json.read(dir.resolve(DatasetStore.META));
    EncoderIdentity e = ModelStore.encoderFromJson(meta.path("conceptEncoder"));
    return e != null ? e : ModelStore.encoderFromJson(meta.path("encoder"));
  }

  /**
   * Writes {@code target}, a copy of dataset directory {@code source} that keeps only the concepts
   * at {@code keep}.
   *
   * @param keep indices into the source's concept set, strictly ascending, at least one
   * @param replace replace {@code target} if it exists (otherwise an existing target is an error)
   * @param extra adds further files (reports) to the new directory before it is renamed into place;
   *     a file it writes replaces a carried-over file of the same name
   * @throws IllegalArgumentException when the source has no concepts or {@code keep} is not a
   *     non-empty ascending list of valid indices
   */
  public static void withConceptSubset(Path source, Path target, int[] keep, boolean replace, AtomicFiles.DirectoryWriter extra)
      throws IOException {
    if (!Files.isDirectory(source)) {
      throw new NoSuchFileException(source.toString(), null, Files.exists(source) ? "is not a dataset directory" : "no such dataset directory");
    }
    Path conceptsFile = source.resolve(DatasetStore.CONCEPTS);
    Path embeddingsFile = source.resolve(DatasetStore.CONCEPT_EMBEDDINGS);
    if (!Files.exists(conceptsFile) || !Files.exists(embeddingsFile)) {
      throw new IllegalArgumentException(source + " has no concepts (" + DatasetStore.CONCEPTS + " and " + DatasetStore.CONCEPT_EMBEDDINGS
          + "); attach some with 'glassbox embed concepts'");
    }
    ConceptSet all = ConceptSetFiles.readJson(conceptsFile);
    FloatMatrix emb = Npy.readMatrix(embeddingsFile);
    if (emb.rows() != all.size()) {
      throw new IllegalArgumentException(embeddingsFile + " has " + emb.rows() + " rows but " + conceptsFile + " lists " + all.size() + " concepts");
    }
    checkKeep(keep, all.size());
    ConceptSet kept = all.select(keep);
    FloatMatrix keptEmb = emb.selectRows(keep);
    Set<String> keptTexts = new HashSet<>(kept.texts());
    AtomicFiles.writeDirectory(target, replace, tmp -> {
      try (var files = Files.list(source)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          String name = f.getFileName().toString();
          if (CONCEPT_FILES.contains(name) || !Files.isRegularFile(f)) {
            continue;
          }
          linkOrCopy(f, tmp.resolve(name));
        }
      }
      ConceptSetFiles.write(tmp.resolve(DatasetStore.CONCEPTS), kept);
      Npy.write(tmp.resolve(DatasetStore.CONCEPT_EMBEDDINGS), keptEmb, NpyDtype.FLOAT32);
      Path gt = source.resolve(DatasetStore.GROUND_TRUTH);
      if (Files.exists(gt)) {
        AtomicFiles.write(tmp.resolve(DatasetStore.GROUND_TRUTH), Json.bytes(restrictGroundTruth(Json.read(gt), keptTexts)));
      }
      Path ic = source.resolve(DatasetStore.ITEM_CONCEPTS);
      if (Files.exists(ic)) {
        FloatMatrix presence = Npy.readMatrix(ic);
        if (presence.cols() != all.size()) {
          throw new IllegalArgumentException(ic + " has " + presence.cols() + " concept columns but " + conceptsFile + " lists " + all.size());
        }
        Npy.write(tmp.resolve(DatasetStore.ITEM_CONCEPTS), presence.selectColumns(keep), Npy.header(ic).dtype());
      }
      extra.write(tmp);
    });
  }

  private static void checkKeep(int[] keep, int size) {
    if (keep.length == 0) {
      throw new IllegalArgumentException("a derived dataset needs at least one concept; none were kept");
    }
    for (int i = 0; i < keep.length; i++) {
      if (keep[i] < 0 || keep[i] >= size) {
        throw new IllegalArgumentException("kept concept index " + keep[i] + " is out of range; the source has " + size + " concepts");
      }
      if (i > 0 && keep[i] <= keep[i - 1]) {
        throw new IllegalArgumentException("kept concept indices must be strictly ascending, got " + keep[i - 1] + " then " + keep[i]);
      }
    }
  }

  /** {@code classConcepts} and {@code visual} of a ground-truth file, restricted to {@code kept}; other keys unchanged. */
  private static Map<String, Object> restrictGroundTruth(JsonNode g, Set<String> kept) {
    Map<String, Object> out = Json.toMap(g);
    if (g.path("classConcepts").isObject()) {
      Map<String, Object> cc = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : g.get("classConcepts").properties()) {
        List<String> names = new ArrayList<>();
        for (JsonNode t : e.getValue()) {
          if (kept.contains(t.asText())) {
            names.add(t.asText());
          }
        }
        cc.put(e.getKey(), names);
      }
      out.put("classConcepts", cc);
    }
    if (g.path("visual").isObject()) {
      Map<String, Object> vis = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : g.get("visual").properties()) {
        if (kept.contains(e.getKey())) {
          vis.put(e.getKey(), e.getValue().asBoolean(true));
        }
      }
      out.put("visual", vis);
    }
    return out;
  }

  private static void linkOrCopy(Path from, Path to) throws IOException {
    // A link to a read-only file could not be forced to disk by the atomic directory write (it
    // opens every file for writing), so such files are copied.
    if (Files.isWritable(from)) {
      try {
        Files.createLink(to, from);
        return;
      } catch (UnsupportedOperationException | IOException e) {
        // Another file system, or links not supported: copy instead.
      }
    }
    Files.copy(from, to);
  }
}
