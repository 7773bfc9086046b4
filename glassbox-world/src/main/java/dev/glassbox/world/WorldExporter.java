package dev.glassbox.world;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.util.Configs;
import dev.glassbox.util.Hashing;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Writes a world to disk as an image-folder dataset with exact ground truth:
 *
 * <pre>
 * dir/
 *   manifest.json        format, version, counts, SHA-256 of the two JSON files (written last)
 *   ground-truth.json    config and seed, parts, palette, attributes, concepts (phrase, part,
 *                        paraphrases), species table (attribute and concept probabilities), and
 *                        one record per image (file, mask, species, split, present concepts,
 *                        traits, pose, per-part drawn and visible pixels, SHA-256 of both files)
 *   field-guide.json     every field-guide sentence with its ground truth, and the paraphrase table
 *   images/&lt;species&gt;/&lt;nnnn&gt;.png   RGB images, one folder per species
 *   masks/&lt;species&gt;/&lt;nnnn&gt;.png    8-bit part-label maps (0 background, 1–10 parts, 11 occluder)
 * </pre>
 *
 * <p>The export is atomic: everything is written to a hidden folder beside {@code dir}, the JSON
 * files are forced to disk, and the folder is renamed onto {@code dir} only when complete. On any
 * failure the partial folder is deleted and {@code dir} is untouched, so a reader never sees half
 * an export. Partial folders left by a killed process are removed by the next export to the same
 * place. Images are rendered in parallel; the bytes written do not depend on scheduling.
 */
public final class WorldExporter {
  /** Version of the export layout; {@link WorldReader} refuses others. */
  public static final int FORMAT_VERSION = 1;
  /**
   * Version of the drawing code. Bump it whenever a change alters any pixel or ground-truth value,
   * so that caches written by an older Glassbox are regenerated rather than silently reused.
   */
  public static final int RENDERER_VERSION = 1;
  static final String MANIFEST = "manifest.json";
  static final String GROUND_TRUTH = "ground-truth.json";
  static final String FIELD_GUIDE = "field-guide.json";

  private WorldExporter() {}

  /**
   * Exports {@code world} to {@code dir}, which must not exist or be an empty folder.
   *
   * @throws IOException naming the folder when it cannot be written, already holds files, or
   *     writing fails part-way (nothing is left behind in that case)
   */
  public static void export(World world, Path dir) throws IOException {
    export(world, dir, false, ProgressListener.NONE);
  }

  /**
   * Exports {@code world} to {@code dir}.
   *
   * @param replace when true an existing {@code dir} is replaced, atomically, once the new export
   *     is complete; when false a non-empty {@code dir} is an error
   * @param progress told of each image written ({@code "world images"}); called from worker
   *     threads, so it must be thread-safe. An exception it throws aborts the export cleanly
   */
  public static void export(World world, Path dir, boolean replace, ProgressListener progress) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null) {
      throw new IOException("cannot export the world to " + target + ": it has no parent folder; choose a folder such as ./glassbox-world");
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new IOException("cannot export the world to " + target + ": it is a file, not a folder; choose another path");
    }
    if (!replace && Files.isDirectory(target) && !isEmpty(target)) {
      throw new IOException("cannot export the world to " + target + ": the folder already holds files; choose an empty or new folder, or replace it");
    }
    try {
      Files.createDirectories(parent);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot export the world to " + target + ": " + e.getFile() + " is a file, not a folder; choose another path", e);
    } catch (IOException e) {
      throw new IOException("cannot export the world to " + target + ": cannot create its parent folder " + parent + " (" + reason(e) + "); choose a writable folder", e);
    }
    removeStalePartials(parent, target.getFileName().toString());
    Path tmp = parent.resolve(partialPrefix(target.getFileName().toString()) + ProcessHandle.current().pid() + "-" + System.nanoTime());
    try {
      Files.createDirectory(tmp);
    } catch (IOException e) {
      throw new IOException("cannot export the world to " + target + ": cannot write in " + parent + " (" + reason(e) + "); choose a writable folder", e);
    }
    try {
      writeAll(world, tmp, progress);
      moveIntoPlace(tmp, target, replace);
    } catch (IOException | RuntimeException e) {
      IOException failure = e instanceof IOException io
          ? new IOException("exporting the world to " + target + " failed: " + reason(io) + "; nothing was written", io)
          : new IOException("exporting the world to " + target + " was aborted: " + e.getMessage() + "; nothing was written", e);
      try {
        deleteTree(tmp);
      } catch (UncheckedIOException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }

  private static void writeAll(World world, Path dir, ProgressListener progress) throws IOException {
    int n = world.size();
    for (Species s : world.species()) {
      Files.createDirectories(dir.resolve("images").resolve(s.slug()));
      Files.createDirectories(dir.resolve("masks").resolve(s.slug()));
    }
    List<Map<String, Object>> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      records.add(null);
    }
    AtomicInteger written = new AtomicInteger();
    Parallel.forEach(n, i -> {
      RenderedBird rb = world.render(i);
      String id = rb.record().id();
      String imageFile = "images/" + id + ".png";
      String maskFile = "masks/" + id + ".png";
      byte[] png = PngEncoder.rgb(rb.image());
      byte[] mask = PngEncoder.gray(rb.size(), rb.size(), rb.partMap());
      Files.write(dir.resolve(imageFile), png);
      Files.write(dir.resolve(maskFile), mask);
      records.set(i, imageRecord(world, rb.record(), imageFile, maskFile, png, mask));
      progress.progress("world images", written.incrementAndGet(), n);
    });

    ObjectMapper json = mapper();
    Map<String, Object> gt = new LinkedHashMap<>();
    gt.put("format", "glassbox-world");
    gt.put("formatVersion", FORMAT_VERSION);
    gt.put("rendererVersion", RENDERER_VERSION);
    gt.put("config", Configs.toMap(world.config()));
    gt.put("labels", labels());
    gt.put("palette", palette());
    gt.put("attributes", attributes());
    gt.put("concepts", concepts(world));
    gt.put("species", species(world));
    gt.put("images", records);
    byte[] gtBytes = json.writeValueAsBytes(gt);
    byte[] guideBytes = json.writeValueAsBytes(fieldGuide(world));
    writeSynced(dir.resolve(GROUND_TRUTH), gtBytes);
    writeSynced(dir.resolve(FIELD_GUIDE), guideBytes);

    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", "glassbox-world-export");
    manifest.put("formatVersion", FORMAT_VERSION);
    manifest.put("rendererVersion", RENDERER_VERSION);
    manifest.put("seed", world.config().seed());
    manifest.put("images", n);
    manifest.put("species", world.species().size());
    manifest.put("concepts", world.worldConcepts().size());
    manifest.put("fieldGuideSentences", world.fieldGuide().sentences().size());
    Map<String, Object> files = new LinkedHashMap<>();
    files.put(GROUND_TRUTH, Hashing.hex(Hashing.sha256().digest(gtBytes)));
    files.put(FIELD_GUIDE, Hashing.hex(Hashing.sha256().digest(guideBytes)));
    manifest.put("sha256", files);
    writeSynced(dir.resolve(MANIFEST), json.writeValueAsBytes(manifest));
    syncDirectory(dir);
  }

  static ObjectMapper mapper() {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private static Map<String, Object> imageRecord(World world, ImageRecord r, String imageFile, String maskFile, byte[] png, byte[] mask) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", r.index());
    m.put("id", r.id());
    m.put("file", imageFile);
    m.put("mask", maskFile);
    m.put("species", r.species());
    m.put("split", r.split().code());
    m.put("concepts", r.presentConcepts());
    m.put("traits", r.spec().traits().asMap());
    Pose p = r.spec().pose();
    Map<String, Object> pose = new LinkedHashMap<>();
    pose.put("facing", p.facingLeft() ? "left" : "right");
    pose.put("flying", p.flying());
    pose.put("tiltDegrees", round(p.tiltDegrees()));
    pose.put("scaleJitter", round(p.scaleJitter()));
    pose.put("x", round(p.x()));
    pose.put("y", round(p.y()));
    m.put("pose", pose);
    m.put("background", r.spec().background().key());
    m.put("occluder", r.spec().occluder().key());
    m.put("bodyLengthPixels", round(r.bodyLengthPixels()));
    m.put("partPixels", perPart(r.partPixels()));
    m.put("visiblePixels", perPart(r.visiblePixels()));
    m.put("imageSha256", Hashing.hex(Hashing.sha256().digest(png)));
    m.put("maskSha256", Hashing.hex(Hashing.sha256().digest(mask)));
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  private static Map<String, Integer> perPart(int[] counts) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (Part p : Part.values()) {
      m.put(p.key(), counts[p.ordinal()]);
    }
    return m;
  }

  private static Map<String, Object> labels() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("background", Part.BACKGROUND_LABEL);
    for (Part p : Part.values()) {
      m.put(p.key(), p.label());
    }
    m.put("occluder", Part.OCCLUDER_LABEL);
    return m;
  }

  private static List<Object> palette() {
    List<Object> out = new ArrayList<>();
    for (BirdColor c : BirdColor.values()) {
      Color rgb = c.rgb();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.word());
      m.put("rgb", List.of(rgb.getRed(), rgb.getGreen(), rgb.getBlue()));
      out.add(m);
    }
    return out;
  }

  private static List<Object> attributes() {
    List<Object> out = new ArrayList<>();
    for (Attribute a : Attribute.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", a.key());
      m.put("part", a.part() == null ? "all" : a.part().key());
      m.put("values", a.options());
      out.add(m);
    }
    return out;
  }

  private static List<Object> concepts(World world) {
    List<Object> out = new ArrayList<>();
    for (WorldConcept c : world.worldConcepts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", c.index());
      m.put("phrase", c.phrase());
      m.put("part", c.partKey());
      m.put("attribute", c.attribute().key());
      m.put("value", c.value());
      m.put("visual", true);
      m.put("paraphrases", Paraphrases.of(c));
      out.add(m);
    }
    return out;
  }

  private static List<Object> species(World world) {
    List<Object> out = new ArrayList<>();
    for (int s = 0; s < world.species().size(); s++) {
      Species sp = world.species().get(s);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", s);
      m.put("name", sp.name());
      m.put("slug", sp.slug());
      m.put("family", sp.family().name().toLowerCase(java.util.Locale.ROOT));
      Map<String, Object> attrs = new LinkedHashMap<>();
      for (Attribute a : Attribute.values()) {
        Map<String, Double> d = new LinkedHashMap<>();
        double[] p = sp.distribution(a);
        for (int j = 0; j < p.length; j++) {
          if (p[j] > 0) {
            d.put(a.options().get(j), round(p[j]));
          }
        }
        attrs.put(a.key(), d);
      }
      m.put("attributes", attrs);
      double[] cp = sp.conceptProbabilities(world.worldConcepts());
      List<Double> probs = new ArrayList<>();
      for (double v : cp) {
        probs.add(round(v));
      }
      m.put("conceptProbabilities", probs);
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> fieldGuide(World world) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "glassbox-field-guide");
    m.put("formatVersion", FORMAT_VERSION);
    List<Object> sentences = new ArrayList<>();
    for (FieldGuideSentence s : world.fieldGuide().sentences()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("species", s.species());
      e.put("speciesName", world.species().get(s.species()).name());
      e.put("text", s.text());
      e.put("visual", s.visual());
      e.put("namesSpecies", s.namesSpecies());
      e.put("topic", s.topic() == null ? null : s.topic().name().toLowerCase(java.util.Locale.ROOT));
      List<Object> mentions = new ArrayList<>();
      for (FieldGuideSentence.Mention mn : s.mentions()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("concept", mn.concept());
        x.put("phrase", world.worldConcepts().get(mn.concept()).phrase());
        x.put("surface", mn.surface());
        x.put("paraphrased", mn.paraphrased());
        mentions.add(x);
      }
      e.put("mentions", mentions);
      sentences.add(e);
    }
    m.put("sentences", sentences);
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("modifiers", Paraphrases.MODIFIERS);
    table.put("nouns", Paraphrases.NOUNS);
    table.put("usedInCaptions", false);
    m.put("paraphrases", table);
    return m;
  }

  private static void writeSynced(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  private static void syncDirectory(Path dir) {
    // Forcing a directory makes the new entries durable on Linux; some platforms refuse to open a
    // directory for reading, which only weakens durability, never correctness (the reader checks).
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // best effort only
    }
  }

  private static void moveIntoPlace(Path tmp, Path target, boolean replace) throws IOException {
    Path old = null;
    if (Files.isDirectory(target)) {
      if (isEmpty(target)) {
        Files.delete(target);
      } else if (replace) {
        old = target.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      } else {
        throw new DirectoryNotEmptyException(target.toString());
      }
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (old != null) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    if (old != null) {
      deleteTree(old);
    }
  }

  private static String partialPrefix(String name) {
    return "." + name + ".partial-";
  }

  /** Deletes partial exports to the same target left by processes that no longer run. */
  private static void removeStalePartials(Path parent, String name) {
    String prefix = partialPrefix(name);
    try (Stream<Path> s = Files.list(parent)) {
      for (Path p : s.filter(x -> x.getFileName().toString().startsWith(prefix)).toList()) {
        String rest = p.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
          continue;
        }
        if (ProcessHandle.of(pid).isEmpty()) {
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      // An unreadable parent is reported when the export itself tries to write there.
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the partial world export " + root + "; delete it by hand", e);
    }
  }

  private static String reason(Throwable e) {
    if (e instanceof AccessDeniedException a) {
      return "permission denied on " + a.getFile();
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file or folder " + n.getFile();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + " (" + f.getFile() + ")";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
