package dev.glassbox.cli;

import dev.glassbox.concepts.Concept;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.io.ConceptSetFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.DerivedDatasets;
import dev.glassbox.io.Npy;
import dev.glassbox.sources.ConceptCollector;
import dev.glassbox.sources.file.ConceptFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glassbox concepts show}: a table of a concept set with its provenance, and counts by source and class. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Show a concept set: one row per concept with its source, proposing class(es)",
        "and key provenance (prompt and sample; relation; hits and rank; document and",
        "rank; file and line), then counts by source and by class. Reads any concept",
        "file that 'concepts generate --source file' reads, or a dataset directory's",
        "concepts.",
        "",
        "Examples:",
        "  glassbox concepts show concepts.json",
        "  glassbox concepts show --data photos-selected --class goldfinch",
        "  glassbox concepts show class2concepts.json --json"})
final class ConceptsShowCommand implements Callable<Integer> {
  /** The metadata worth a column, per source; other sources show all their metadata. */
  private static final Map<String, List<String>> KEY_METADATA = Map.of(
      "llm", List.of("template", "sample", "model"),
      "wordnet", List.of("relation", "via"),
      "vocabulary", List.of("kind", "hits", "rank"),
      "corpus", List.of("document", "passage", "rank", "score"),
      "file", List.of("file", "format", "position"));
  private static final int MAX_TEXT = 40;
  private static final int MAX_DETAILS = 70;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A concept file (Glassbox JSON, text, CSV/TSV, LaBo or Label-free CBM).")
  Path file;

  @Option(names = "--data", paramLabel = "DIR", description = "A dataset directory: show its concepts.json.")
  Path data;

  @Option(names = "--class", paramLabel = "NAME", description = "Only the concepts this class proposed.")
  String className;

  @Option(names = "--limit", paramLabel = "N", description = "Show at most N rows (counts still cover every concept).")
  Integer limit;

  @Option(names = "--json", description = "Print the concepts and counts as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if ((file == null) == (data == null)) {
      throw Choices.usage(spec, "give either a concept FILE or --data DIR");
    }
    if (limit != null && limit < 0) {
      throw Choices.usage(spec, "--limit must be ≥ 0, got " + limit);
    }
    List<Concept> all;
    String where;
    Map<String, Object> datasetInfo = new LinkedHashMap<>();
    if (file != null) {
      all = ConceptFiles.read(file);
      where = file.toString();
    } else {
      if (!Files.isDirectory(data)) {
        throw new NoSuchFileException(data.toString(), null, "no such dataset directory");
      }
      if (!Files.exists(data.resolve(DatasetStore.META))) {
        throw new NoSuchFileException(data.toString(), null, "is not a dataset directory (no " + DatasetStore.META + ")");
      }
      Path cf = data.resolve(DatasetStore.CONCEPTS);
      if (!Files.exists(cf)) {
        throw new NoSuchFileException(cf.toString(), null, "no concepts in this dataset; attach some with 'glassbox embed concepts'");
      }
      all = ConceptSetFiles.readJson(cf).concepts();
      where = data.toString();
      Path ef = data.resolve(DatasetStore.CONCEPT_EMBEDDINGS);
      EncoderIdentity enc = DerivedDatasets.conceptEncoder(data);
      String problem = null;
      if (Files.exists(ef)) {
        // Shown, not refused (show is how one looks into a broken dataset), but never called embedded
        // when filter and select would refuse the embeddings.
        long[] shape = Npy.header(ef).shape();
        Long dim = shape.length == 2 ? shape[1] : null;
        datasetInfo.put("dim", dim);
        Path items = data.resolve(DatasetStore.EMBEDDINGS);
        long[] itemShape = Files.exists(items) ? Npy.header(items).shape() : null;
        if (dim == null) {
          problem = DatasetStore.CONCEPT_EMBEDDINGS + " is not a matrix (shape " + Arrays.toString(shape) + ")";
        } else if (shape[0] != all.size()) {
          problem = DatasetStore.CONCEPT_EMBEDDINGS + " has " + shape[0] + " rows for " + all.size() + " concepts";
        } else if (itemShape != null && itemShape.length == 2 && itemShape[1] != dim) {
          problem = DatasetStore.CONCEPT_EMBEDDINGS + " is " + dim + "-d but the items' " + DatasetStore.EMBEDDINGS + " are " + itemShape[1] + "-d";
        }
      }
      datasetInfo.put("embedded", Files.exists(ef) && problem == null);
      if (problem != null) {
        datasetInfo.put("embedding_problem", problem + "; attach the concepts again with 'glassbox embed concepts'");
      }
      datasetInfo.put("encoder", enc == null ? null : enc.name());
    }
    List<Concept> shown = all;
    if (className != null) {
      shown = new ArrayList<>();
      Set<String> known = new LinkedHashSet<>();
      for (Concept c : all) {
        List<String> classes = c.proposingClasses();
        known.addAll(classes);
        for (String k : classes) {
          if (k.equalsIgnoreCase(className.strip())) {
            shown.add(c);
            break;
          }
        }
      }
      if (shown.isEmpty()) {
        List<String> k = new ArrayList<>(known);
        throw new IllegalArgumentException("no concept of " + where + " was proposed by class \"" + className + "\"; "
            + (k.isEmpty() ? "its concepts name no class" : "its classes are " + (k.size() > 12 ? k.subList(0, 12) + " and " + (k.size() - 12) + " more" : k)));
      }
    }
    Map<String, Integer> bySource = new TreeMap<>();
    Map<String, Integer> byClass = new LinkedHashMap<>();
    int classless = 0;
    for (Concept c : shown) {
      bySource.merge(c.source(), 1, Integer::sum);
      List<String> classes = c.proposingClasses();
      if (classes.isEmpty()) {
        classless++;
      }
      for (String k : classes) {
        byClass.merge(k, 1, Integer::sum);
      }
    }
    int rows = limit == null ? shown.size() : Math.min(limit, shown.size());
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(file != null ? "file" : "data", where);
      m.putAll(datasetInfo);
      m.put("class", className);
      m.put("concepts", shown.size());
      m.put("by_source", bySource);
      m.put("by_class", byClass);
      m.put("without_class", classless);
      List<Map<String, Object>> list = new ArrayList<>();
      for (Concept c : shown.subList(0, rows)) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("text", c.text());
        e.put("source", c.source());
        e.put("classes", c.proposingClasses());
        e.put("metadata", c.metadata());
        list.add(e);
      }
      m.put("list", list);
      Output.json(w, m);
      return 0;
    }
    int textWidth = Math.max(7, Math.min(MAX_TEXT, shown.stream().mapToInt(c -> c.text().length()).max().orElse(0)));
    int sourceWidth = Math.max(6, shown.stream().mapToInt(c -> c.source().length()).max().orElse(0));
    List<String> classCells = new ArrayList<>();
    for (Concept c : shown.subList(0, rows)) {
      classCells.add(truncate(String.join(", ", c.proposingClasses()), 30));
    }
    int classWidth = Math.max(5, classCells.stream().mapToInt(String::length).max().orElse(0));
    int numWidth = Math.max(1, Integer.toString(shown.size()).length());
    w.println(ConceptsGenerateCommand.pad("#", numWidth) + "  " + ConceptsGenerateCommand.pad("concept", textWidth) + "  "
        + ConceptsGenerateCommand.pad("source", sourceWidth) + "  " + ConceptsGenerateCommand.pad("class", classWidth) + "  details");
    for (int i = 0; i < rows; i++) {
      Concept c = shown.get(i);
      w.println(String.format(Locale.ROOT, "%" + numWidth + "d", i + 1) + "  " + ConceptsGenerateCommand.pad(truncate(c.text(), MAX_TEXT), textWidth)
          + "  " + ConceptsGenerateCommand.pad(c.source(), sourceWidth) + "  " + ConceptsGenerateCommand.pad(classCells.get(i), classWidth)
          + "  " + details(c));
    }
    if (rows < shown.size()) {
      w.println("… " + (shown.size() - rows) + " more (raise --limit)");
    }
    w.println();
    w.println(shown.size() + " concepts" + (className == null ? "" : " of class \"" + className + "\"") + " in " + where
        + (datasetInfo.isEmpty() ? "" : Boolean.TRUE.equals(datasetInfo.get("embedded"))
            ? " (embedded, " + datasetInfo.get("dim") + "-d, encoder '" + datasetInfo.get("encoder") + "')"
            : datasetInfo.containsKey("embedding_problem") ? " (embeddings unusable: " + datasetInfo.get("embedding_problem") + ")" : " (not embedded)"));
    w.println("  by source: " + counts(bySource));
    if (!byClass.isEmpty()) {
      w.println("  by class:  " + counts(byClass));
    }
    if (classless > 0) {
      w.println("  without a proposing class: " + classless);
    }
    w.flush();
    return 0;
  }

  private static String details(Concept c) {
    List<String> keys = KEY_METADATA.get(c.source());
    List<String> parts = new ArrayList<>();
    if (keys != null) {
      for (String k : keys) {
        String v = c.metadata().get(k);
        if (v != null && !v.isBlank()) {
          parts.add(k + "=" + v);
        }
      }
    } else {
      new TreeMap<>(c.metadata()).forEach((k, v) -> {
        if (!k.equals(ConceptCollector.CLASSES)) {
          parts.add(k + "=" + v);
        }
      });
    }
    return truncate(String.join(" ", parts), MAX_DETAILS);
  }

  private static String counts(Map<String, Integer> m) {
    List<String> parts = new ArrayList<>();
    m.forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }

  private static String truncate(String s, int max) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= max ? one : one.substring(0, max - 1) + "…";
  }
}
