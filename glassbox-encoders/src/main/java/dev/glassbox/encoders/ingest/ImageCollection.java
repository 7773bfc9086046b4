package dev.glassbox.encoders.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.data.Split;
import dev.glassbox.io.Json;
import dev.glassbox.util.Hashing;
import dev.glassbox.util.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The images of a dataset, listed from one of two layouts, in a deterministic order (sorted by item
 * id), so that the same source always gives the same items in the same rows.
 *
 * <ul>
 *   <li><b>Image folder</b>: one sub-folder per class; images may sit at any depth below their class
 *       folder. Files and folders whose names start with '.' are skipped, as are files without an
 *       image extension ({@code .jpg .jpeg .png .bmp .gif .webp}, any case) and files directly in
 *       the root (they have no class); {@link #ignoredFiles()} counts the latter two. An item's id
 *       is its path relative to the root with '/' separators ({@code cat/2021/img01.jpg}).
 *   <li><b>Manifest</b>: a CSV file with a header row, or a JSONL file with one object per line,
 *       with columns (keys) {@code path} (relative to the manifest's folder, or absolute),
 *       {@code label}, optional {@code split} ({@code train}, {@code val}, {@code test}) and optional
 *       {@code id} (default: the path as written). Either every row gives a split or none does.
 * </ul>
 *
 * <p>Listing does not open the images; a missing or damaged file is found, and reported, when it is
 * decoded.
 *
 * @param name a short name for the dataset (the folder's or the manifest's file name)
 * @param source the folder or manifest file
 * @param items the images, sorted by id
 * @param classes the class names, sorted
 * @param splitsGiven whether the source gives every item's split
 * @param ignoredFiles files of a folder that were skipped for having no image extension or no class
 */
public record ImageCollection(String name, Path source, List<ImageItem> items, List<String> classes, boolean splitsGiven,
    int ignoredFiles) {
  /** File extensions taken as images in a folder (lower case, without the dot). */
  public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp");

  public ImageCollection {
    items = List.copyOf(items);
    classes = List.copyOf(classes);
    // Checked before any image is embedded: the dataset stores class names one per line.
    for (ImageItem it : items) {
      String l = it.label();
      if (l.isBlank() || !l.equals(l.strip()) || l.indexOf('\n') >= 0 || l.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(source + ": image '" + it.id() + "' has the label \"" + l.replace("\n", "\\n").replace("\r", "\\r")
            + "\"; a class name must be non-blank, on one line, without leading or trailing spaces");
      }
    }
  }

  /** Lists a folder, or reads a manifest ({@code .csv}, {@code .jsonl}), by what {@code source} is. */
  public static ImageCollection open(Path source) throws IOException {
    if (Files.isDirectory(source)) {
      return fromFolder(source);
    }
    if (!Files.exists(source)) {
      throw new NoSuchFileException(source.toString(), null, "no such image folder or manifest");
    }
    String n = source.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv")) {
      return fromCsv(source);
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
      return fromJsonl(source);
    }
    throw new IllegalArgumentException(source + " is neither a folder of class folders nor a manifest (.csv or .jsonl with path and label)");
  }

  /** Lists an image folder (see the class comment). */
  public static ImageCollection fromFolder(Path root) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    List<ImageItem> items = new ArrayList<>();
    int[] ignored = {0};
    // Links are followed (a class folder may be a link to images kept elsewhere); a link back up
    // the tree is reported by the walk as a loop and skipped.
    Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(base) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        // A dangling link or a loop: the file cannot be an image of this folder.
        ignored[0]++;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (hidden(file) || attrs.isDirectory()) {
          return FileVisitResult.CONTINUE;
        }
        Path rel = base.relativize(file);
        if (rel.getNameCount() < 2 || !IMAGE_EXTENSIONS.contains(extension(file))) {
          ignored[0]++;
          return FileVisitResult.CONTINUE;
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < rel.getNameCount(); i++) {
          if (i > 0) {
            id.append('/');
          }
          id.append(rel.getName(i));
        }
        items.add(new ImageItem(id.toString(), file, rel.getName(0).toString(), null));
        return FileVisitResult.CONTINUE;
      }
    });
    if (items.isEmpty()) {
      throw new IllegalArgumentException(root + " holds no images in class folders; expected " + root
          + "/CLASS/IMAGE with extensions " + new TreeSet<>(IMAGE_EXTENSIONS));
    }
    items.sort(Comparator.comparing(ImageItem::id));
    return new ImageCollection(nameOf(base), base, items, classesOf(items), false, ignored[0]);
  }

  /** Reads a CSV manifest with a header row (see the class comment). */
  public static ImageCollection fromCsv(Path manifest) throws IOException {
    List<String> lines = TextFiles.readLines(manifest, "image manifest");
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) {
      first++;
    }
    if (first == lines.size()) {
      throw new IllegalArgumentException(manifest + " is empty; expected a header row with path and label");
    }
    List<String> header = Csv.parseLine(lines.get(first), manifest, first + 1);
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      col.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    for (String required : List.of("path", "label")) {
      if (!col.containsKey(required)) {
        throw new IllegalArgumentException(manifest + " line " + (first + 1) + ": the header has no \"" + required
            + "\" column (it has " + header + "); expected path,label[,split][,id]");
      }
    }
    Builder b = new Builder(manifest);
    for (int i = first + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> cells = Csv.parseLine(lines.get(i), manifest, i + 1);
      b.add(i + 1, cell(cells, col.get("path")), cell(cells, col.get("label")), cell(cells, col.get("split")),
          cell(cells, col.get("id")));
    }
    return b.build();
  }

  /** Reads a JSONL manifest, one object per line (see the class comment). */
  public static ImageCollection fromJsonl(Path manifest) throws IOException {
    Builder b = new Builder(manifest);
    int no = 0;
    try (BufferedReader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
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
          throw new IllegalArgumentException(manifest + " line " + no + " is not valid JSON: " + line.strip());
        }
        if (n == null || !n.isObject()) {
          throw new IllegalArgumentException(manifest + " line " + no + " is not a JSON object: " + line.strip());
        }
        b.add(no, text(n, "path"), text(n, "label"), text(n, "split"), text(n, "id"));
      }
    } catch (CharacterCodingException e) {
      throw TextFiles.notUtf8(manifest, "image manifest", no + 1);
    }
    return b.build();
  }

  /**
   * SHA-256 over every item (id, absolute file path, label, split) and each file's size and
   * modification time: two listings with the same fingerprint name the same bytes, as far as the
   * file system can tell without reading them.
   */
  public String fingerprint() throws IOException {
    MessageDigest md = Hashing.sha256();
    Hashing.update(md, items.size());
    for (ImageItem it : items) {
      Hashing.update(md, it.id());
      Hashing.update(md, it.file().toAbsolutePath().normalize().toString());
      Hashing.update(md, it.label());
      Hashing.update(md, it.split() == null ? "" : it.split().code());
      long size = -1;
      long mtime = -1;
      try {
        BasicFileAttributes a = Files.readAttributes(it.file(), BasicFileAttributes.class);
        size = a.size();
        mtime = a.lastModifiedTime().toMillis();
      } catch (NoSuchFileException e) {
        // A missing file is part of the listing's state: it is reported as unreadable when embedded.
      }
      Hashing.update(md, size);
      Hashing.update(md, mtime);
    }
    return Hashing.hex(md.digest());
  }

  private static String cell(List<String> cells, Integer index) {
    if (index == null || index >= cells.size()) {
      return null;
    }
    String s = cells.get(index).strip();
    return s.isEmpty() ? null : s;
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String nameOf(Path p) {
    Path n = p.getFileName();
    return n == null ? "images" : n.toString();
  }

  private static List<String> classesOf(List<ImageItem> items) {
    TreeSet<String> classes = new TreeSet<>();
    for (ImageItem it : items) {
      classes.add(it.label());
    }
    return new ArrayList<>(classes);
  }

  /** Collects manifest rows, checking each as it comes. */
  private static final class Builder {
    private final Path manifest;
    private final Path dir;
    private final List<ImageItem> items = new ArrayList<>();
    private final Map<String, Integer> idLine = new HashMap<>();
    private int withSplit;
    private int firstWithoutSplit = -1;
    private int firstWithSplit = -1;

    Builder(Path manifest) {
      this.manifest = manifest;
      Path parent = manifest.toAbsolutePath().normalize().getParent();
      this.dir = parent == null ? Path.of("") : parent;
    }

    void add(int line, String path, String label, String split, String id) {
      if (path == null) {
        throw new IllegalArgumentException(manifest + " line " + line + " has no path");
      }
      if (label == null) {
        throw new IllegalArgumentException(manifest + " line " + line + " (" + path + ") has no label");
      }
      Split s = null;
      if (split != null) {
        try {
          s = Split.parse(split);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(manifest + " line " + line + ": " + e.getMessage());
        }
        withSplit++;
        if (firstWithSplit < 0) {
          firstWithSplit = line;
        }
      } else if (firstWithoutSplit < 0) {
        firstWithoutSplit = line;
      }
      String itemId = id == null ? path : id;
      Integer prev = idLine.put(itemId, line);
      if (prev != null) {
        throw new IllegalArgumentException(manifest + " line " + line + ": item id '" + itemId + "' already appears on line " + prev
            + "; ids (or paths, when there is no id column) must be unique");
      }
      items.add(new ImageItem(itemId, dir.resolve(path).normalize(), label, s));
    }

    ImageCollection build() {
      if (items.isEmpty()) {
        throw new IllegalArgumentException(manifest + " lists no images");
      }
      if (withSplit > 0 && withSplit < items.size()) {
        throw new IllegalArgumentException(manifest + " gives a split on line " + firstWithSplit + " but none on line " + firstWithoutSplit
            + "; give every item a split, or none (then splits are drawn, stratified, from the seed)");
      }
      items.sort(Comparator.comparing(ImageItem::id));
      String n = manifest.getFileName().toString();
      int dot = n.lastIndexOf('.');
      return new ImageCollection(dot > 0 ? n.substring(0, dot) : n, manifest.toAbsolutePath().normalize(), items, classesOf(items),
          withSplit > 0, 0);
    }
  }
}
