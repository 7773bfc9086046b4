package dev.glassbox.sources.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.ConceptSetFiles;
import dev.glassbox.io.Json;
import dev.glassbox.sources.ConceptCollector;
import dev.glassbox.sources.FileProvenance;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads concepts from every file format the anchors use, and writes LaBo's
 * {@code class2concepts.json}. Each concept records the file's name, the format and the position it
 * was read from; a phrase listed under several classes is kept once, with metadata {@code classes}
 * naming all of them (see {@link ConceptCollector}).
 *
 * <p>The format is chosen by extension, then by content: {@code .json} files are told apart by
 * shape (Glassbox JSON has a {@code "concepts"} array or is an array; LaBo and Label-free CBM map
 * classes to lists, Label-free CBM's files being named {@code gpt3_*} or
 * {@code *_important|_superclass|_around.json}); {@code .csv}/{@code .tsv} are delimited; {@code .txt},
 * {@code .list} and extension-less text files hold one concept per line.
 */
public final class ConceptFiles {
  private static final Pattern LFCBM_GPT = Pattern.compile("(?:^gpt3?_.*|.*_(important|superclass|around))\\.json$");
  private static final Pattern LFCBM_PROMPT = Pattern.compile("_(important|superclass|around)\\.json$");
  private static final Pattern LFCBM_SET = Pattern.compile(".*_filtered.*\\.txt$");
  private static final List<String> TEXT_HEADERS = List.of("text", "concept", "concepts", "phrase", "name");
  private static final List<String> CLASS_HEADERS = List.of("class", "label", "classname", "class_name", "proposedby", "proposed_by");
  private static final List<String> SOURCE_HEADERS = List.of("source", "origin");
  /** Metadata keys a concept's provenance or sources already use, never taken by a further column. */
  private static final List<String> RESERVED_KEYS = List.of("file", "format", "position", "originalsource", Concept.CLASSES);

  private ConceptFiles() {}

  /** The format of {@code file}, from its extension and, for JSON and extension-less files, its content. */
  public static ConceptFileFormat detect(Path file) throws IOException {
    requireFile(file);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    switch (ext) {
      case "json":
        return detectJson(file, name, Json.read(file));
      case "csv":
        return ConceptFileFormat.CSV;
      case "tsv":
        return ConceptFileFormat.TSV;
      case "txt":
      case "list":
      case "text":
        return LFCBM_SET.matcher(name).matches() ? ConceptFileFormat.LFCBM_CONCEPT_SET : ConceptFileFormat.PLAIN_TEXT;
      case "":
        String text = readUtf8(file);
        String head = text.stripLeading();
        if (head.startsWith("{") || head.startsWith("[")) {
          return detectJson(file, name, Json.read(file));
        }
        return ConceptFileFormat.PLAIN_TEXT;
      default:
        throw unknown(file, "its extension ." + ext + " is not one Glassbox reads");
    }
  }

  /** Reads the concepts of {@code file}, detecting its format. */
  public static List<Concept> read(Path file) throws IOException {
    return read(file, detect(file));
  }

  /** Reads {@code file} as {@code format}. */
  public static List<Concept> read(Path file, ConceptFileFormat format) throws IOException {
    requireFile(file);
    String fileName = file.getFileName().toString();
    List<Concept> out = switch (format) {
      case PLAIN_TEXT, LFCBM_CONCEPT_SET -> readLines(file, fileName, format);
      case GLASSBOX_JSON -> ConceptSetFiles.readJson(file).concepts();
      case LABO_CLASS2CONCEPTS, LFCBM_GPT_JSON -> readClassMap(file, fileName, format, Json.read(file));
      case CSV -> readDelimited(file, fileName, format, ',');
      case TSV -> readDelimited(file, fileName, format, '\t');
    };
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no concepts (read as " + format.description() + ")");
    }
    return out;
  }

  /** The concepts of {@code file} as a concept set. */
  public static ConceptSet readSet(Path file) throws IOException {
    return ConceptSet.deduplicated(read(file));
  }

  /**
   * Writes LaBo's {@code class2concepts.json}: each class, in order of first appearance, mapped to
   * the texts of the concepts it proposed (every class in a concept's {@code classes} metadata, or
   * its {@code proposedBy}). Written atomically.
   *
   * @throws IllegalArgumentException when a concept belongs to no class
   */
  public static void writeClass2Concepts(Path file, List<Concept> concepts) throws IOException {
    AtomicFiles.write(file, Json.bytes(class2concepts(concepts)));
  }

  /** The {@code class → [texts]} map that {@link #writeClass2Concepts} writes. */
  public static Map<String, List<String>> class2concepts(List<Concept> concepts) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    List<String> classless = new ArrayList<>();
    for (Concept c : concepts) {
      List<String> classes = c.proposingClasses();
      if (classes.isEmpty()) {
        classless.add("\"" + c.text() + "\"");
        continue;
      }
      for (String cls : classes) {
        List<String> list = map.computeIfAbsent(cls, k -> new ArrayList<>());
        if (!list.contains(c.text())) {
          list.add(c.text());
        }
      }
    }
    if (!classless.isEmpty()) {
      throw new IllegalArgumentException(
          classless.size() + " concept(s) belong to no class (" + String.join(", ", classless.subList(0, Math.min(5, classless.size())))
              + (classless.size() > 5 ? ", …" : "") + "); class2concepts.json maps classes to their concepts, so every concept needs a proposing class");
    }
    return map;
  }

  private static ConceptFileFormat detectJson(Path file, String name, JsonNode root) {
    if (root.isArray() || root.isObject() && root.has("concepts")) {
      return ConceptFileFormat.GLASSBOX_JSON;
    }
    if (root.isObject()) {
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        if (!e.getValue().isArray()) {
          throw unknown(file, "it is a JSON object but the value of \"" + e.getKey() + "\" is not a list of concepts");
        }
      }
      return LFCBM_GPT.matcher(name).matches() ? ConceptFileFormat.LFCBM_GPT_JSON : ConceptFileFormat.LABO_CLASS2CONCEPTS;
    }
    throw unknown(file, "it is JSON but neither an array nor an object");
  }

  private static IllegalArgumentException unknown(Path file, String why) {
    return new IllegalArgumentException(
        "cannot read concept file " + file + ": " + why + ". Accepted formats: " + ConceptFileFormat.accepted());
  }

  private static void requireFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such concept file");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("concept file " + file + " is a directory; pass a file");
    }
  }

  private static String readUtf8(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (byte b : bytes) {
      if (b == 0) {
        throw unknown(file, "it is binary (holds NUL bytes)");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw unknown(file, "it is not UTF-8 text");
    }
  }

  private static List<Concept> readLines(Path file, String fileName, ConceptFileFormat format) throws IOException {
    String[] lines = readUtf8(file).split("\r?\n|\r", -1);
    ConceptCollector out = new ConceptCollector();
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip();
      if (i == 0 && s.startsWith("\uFEFF")) {
        s = s.substring(1).strip();
      }
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      out.add(s, null, new FileProvenance(fileName, format.id(), i + 1, Map.of()));
    }
    return out.concepts();
  }

  private static List<Concept> readClassMap(Path file, String fileName, ConceptFileFormat format, JsonNode root) {
    if (!root.isObject()) {
      throw unknown(file, "read as " + format.description() + " it must be a JSON object");
    }
    Map<String, String> detail = new LinkedHashMap<>();
    Matcher m = LFCBM_PROMPT.matcher(fileName.toLowerCase(Locale.ROOT));
    if (format == ConceptFileFormat.LFCBM_GPT_JSON && m.find()) {
      detail.put("prompt", m.group(1));
    }
    ConceptCollector out = new ConceptCollector();
    int item = 0;
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String cls = e.getKey().strip();
      if (cls.isEmpty()) {
        throw new IllegalArgumentException(file + " maps a blank class name to concepts; every class needs a name");
      }
      if (!e.getValue().isArray()) {
        throw new IllegalArgumentException(file + ": the value of class \"" + cls + "\" must be a list of concepts, got " + e.getValue().getNodeType());
      }
      int k = 0;
      for (JsonNode c : e.getValue()) {
        if (!c.isTextual()) {
          throw new IllegalArgumentException(
              file + ": item " + k + " of class \"" + cls + "\" is " + c.getNodeType() + ", expected a string");
        }
        item++;
        out.add(c.asText(), cls, new FileProvenance(fileName, format.id(), item, detail));
        k++;
      }
    }
    return out.concepts();
  }

  private static List<Concept> readDelimited(Path file, String fileName, ConceptFileFormat format, char delimiter) throws IOException {
    List<Csv.Row> rows = Csv.parse(readUtf8(file), delimiter, fileName);
    if (rows.isEmpty()) {
      return List.of();
    }
    int textCol = 0;
    int classCol = 1;
    int sourceCol = 2;
    int first = 0;
    // Further named columns (a score, an id, a note) are kept as metadata under their header names.
    Map<Integer, String> extraCols = new LinkedHashMap<>();
    List<String> header = rows.get(0).cells();
    if (indexOf(header, TEXT_HEADERS) < 0 && header.size() > 1 && indexOf(header, CLASS_HEADERS) >= 0
        && header.stream().allMatch(c -> CLASS_HEADERS.contains(c.strip().toLowerCase(Locale.ROOT))
            || SOURCE_HEADERS.contains(c.strip().toLowerCase(Locale.ROOT)))) {
      throw new IllegalArgumentException(
          file + ": the header " + header + " has no text column; name it one of " + TEXT_HEADERS);
    }
    if (isHeader(header)) {
      textCol = indexOf(header, TEXT_HEADERS);
      classCol = indexOf(header, CLASS_HEADERS);
      sourceCol = indexOf(header, SOURCE_HEADERS);
      for (int i = 0; i < header.size(); i++) {
        String name = header.get(i).strip().toLowerCase(Locale.ROOT);
        if (i != textCol && i != classCol && i != sourceCol && !name.isEmpty() && !RESERVED_KEYS.contains(name)
            && !extraCols.containsValue(name)) {
          extraCols.put(i, name);
        }
      }
      first = 1;
    }
    ConceptCollector out = new ConceptCollector();
    for (int r = first; r < rows.size(); r++) {
      Csv.Row row = rows.get(r);
      List<String> cells = row.cells();
      if (cells.size() > 3 && first == 0) {
        throw new IllegalArgumentException(
            file + " line " + row.line() + " has " + cells.size() + " columns; without a header the columns are text[,class][,source]"
                + " (a header names the text column one of " + TEXT_HEADERS + ")");
      }
      String text = textCol < cells.size() ? cells.get(textCol).strip() : "";
      if (text.isEmpty()) {
        continue;
      }
      String cls = classCol >= 0 && classCol < cells.size() && !cells.get(classCol).isBlank() ? cells.get(classCol).strip() : null;
      Map<String, String> detail = new LinkedHashMap<>();
      if (sourceCol >= 0 && sourceCol < cells.size() && !cells.get(sourceCol).isBlank()) {
        detail.put("originalSource", cells.get(sourceCol).strip());
      }
      for (Map.Entry<Integer, String> e : extraCols.entrySet()) {
        if (e.getKey() < cells.size() && !cells.get(e.getKey()).isBlank()) {
          detail.put(e.getValue(), cells.get(e.getKey()).strip());
        }
      }
      out.add(text, cls, new FileProvenance(fileName, format.id(), row.line(), detail));
    }
    return out.concepts();
  }

  /**
   * A first row is a header when one of its cells names the text column ({@link #TEXT_HEADERS}):
   * its other cells may name the class and source columns or anything else (kept as metadata).
   */
  private static boolean isHeader(List<String> cells) {
    return indexOf(cells, TEXT_HEADERS) >= 0;
  }

  private static int indexOf(List<String> header, List<String> names) {
    for (int i = 0; i < header.size(); i++) {
      if (names.contains(header.get(i).strip().toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }
}
