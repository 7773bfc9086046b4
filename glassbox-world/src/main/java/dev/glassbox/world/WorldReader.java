package dev.glassbox.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.data.Split;
import dev.glassbox.util.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a world written by {@link WorldExporter} and verifies that it is complete and intact, so
 * that a cache left half-written or damaged is detected with a message that says what is wrong,
 * never used silently. Checks, in order: the manifest exists (an interrupted export has none);
 * its format and renderer versions are the ones this code writes; the SHA-256 of the ground truth
 * and field guide match the manifest; the counts agree; every image and mask exists and matches
 * its SHA-256; and the ground truth agrees with the world regenerated from the recorded config.
 */
public final class WorldReader {
  private WorldReader() {}

  /**
   * Reads and verifies the export in {@code dir}.
   *
   * @throws IOException naming the folder and the first problem found, with the fix (usually:
   *     delete the folder and generate the world again)
   */
  public static WorldExport read(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IOException("no world export at " + root + ": the folder does not exist; generate the world first");
    }
    Path manifestFile = root.resolve(WorldExporter.MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw corrupt(root, WorldExporter.MANIFEST + " is missing (an interrupted export leaves none)");
    }
    ObjectMapper json = WorldExporter.mapper();
    JsonNode manifest = parse(json, root, manifestFile);
    if (!"glassbox-world-export".equals(manifest.path("format").asText())) {
      throw corrupt(root, WorldExporter.MANIFEST + " is not a glassbox world manifest (format \"" + manifest.path("format").asText() + "\")");
    }
    int version = manifest.path("formatVersion").asInt(-1);
    if (version > WorldExporter.FORMAT_VERSION) {
      throw new IOException("world export " + root + " has format version " + version + ", newer than the " + WorldExporter.FORMAT_VERSION
          + " this Glassbox reads; upgrade Glassbox or generate the world again");
    }
    if (version != WorldExporter.FORMAT_VERSION) {
      throw corrupt(root, "format version " + version + " is not the expected " + WorldExporter.FORMAT_VERSION);
    }
    int renderer = manifest.path("rendererVersion").asInt(-1);
    if (renderer != WorldExporter.RENDERER_VERSION) {
      throw new IOException("world export " + root + " was drawn by renderer version " + renderer + " but this Glassbox draws version "
          + WorldExporter.RENDERER_VERSION + "; delete the folder and generate the world again");
    }
    byte[] gtBytes = readChecked(root, WorldExporter.GROUND_TRUTH, manifest);
    readChecked(root, WorldExporter.FIELD_GUIDE, manifest);
    JsonNode gt;
    try {
      gt = json.readTree(gtBytes);
    } catch (IOException e) {
      throw corrupt(root, WorldExporter.GROUND_TRUTH + " is not valid JSON");
    }

    WorldConfig config = config(root, gt.path("config"));
    World world = World.generate(config);
    JsonNode images = gt.path("images");
    int n = manifest.path("images").asInt(-1);
    if (n != config.images() || images.size() != n) {
      throw corrupt(root, "the manifest counts " + n + " images, the config implies " + config.images() + " and the ground truth lists " + images.size());
    }
    List<String> speciesNames = new ArrayList<>();
    gt.path("species").forEach(s -> speciesNames.add(s.path("name").asText()));
    if (!speciesNames.equals(world.speciesNames())) {
      throw stale(root, "its species " + speciesNames + " differ from this Glassbox's " + world.speciesNames());
    }
    List<String> phrases = new ArrayList<>();
    gt.path("concepts").forEach(c -> phrases.add(c.path("phrase").asText()));
    List<String> expected = world.worldConcepts().stream().map(WorldConcept::phrase).toList();
    if (!phrases.equals(expected)) {
      throw stale(root, "its " + phrases.size() + " concepts differ from this Glassbox's " + expected.size());
    }

    WorldExport.Item[] items = new WorldExport.Item[n];
    Parallel.forEach(n, i -> items[i] = item(root, images.get(i), i, world));
    return new WorldExport(root, config, speciesNames, phrases, Arrays.asList(items), world);
  }

  private static WorldExport.Item item(Path root, JsonNode r, int i, World world) throws IOException {
    if (r.path("index").asInt(-1) != i) {
      throw corrupt(root, "image record " + i + " has index " + r.path("index").asText());
    }
    String id = r.path("id").asText();
    if (!id.equals(world.imageId(i))) {
      throw stale(root, "image " + i + " is \"" + id + "\" where this Glassbox expects \"" + world.imageId(i) + "\"");
    }
    Path image = file(root, r.path("file").asText(), r.path("imageSha256").asText());
    Path mask = file(root, r.path("mask").asText(), r.path("maskSha256").asText());
    int[] concepts = ints(r.path("concepts"));
    if (!Arrays.equals(concepts, world.presentConcepts(i))) {
      throw stale(root, "the concepts of image " + id + " differ from the world regenerated from its config");
    }
    int species = r.path("species").asInt(-1);
    if (species != world.spec(i).species()) {
      throw stale(root, "the species of image " + id + " differs from the world regenerated from its config");
    }
    Split split = Split.parse(r.path("split").asText());
    if (split != world.spec(i).split()) {
      throw stale(root, "the split of image " + id + " differs from the world regenerated from its config");
    }
    int[] partPixels = new int[Part.values().length];
    int[] visible = new int[Part.values().length];
    for (Part p : Part.values()) {
      partPixels[p.ordinal()] = r.path("partPixels").path(p.key()).asInt(-1);
      visible[p.ordinal()] = r.path("visiblePixels").path(p.key()).asInt(-1);
      if (partPixels[p.ordinal()] < 0 || visible[p.ordinal()] < 0) {
        throw corrupt(root, "image record " + id + " lacks pixel counts for " + p.key());
      }
    }
    return new WorldExport.Item(i, id, image, mask, species, split, concepts, partPixels, visible);
  }

  private static Path file(Path root, String rel, String sha) throws IOException {
    Path p = root.resolve(rel).normalize();
    if (rel.isEmpty() || !p.startsWith(root)) {
      throw corrupt(root, "an image record names the file \"" + rel + "\", outside the export");
    }
    if (!Files.isRegularFile(p)) {
      throw corrupt(root, rel + " is missing");
    }
    String actual = Hashing.hex(Hashing.sha256().digest(Files.readAllBytes(p)));
    if (!actual.equals(sha)) {
      throw corrupt(root, rel + " does not match its SHA-256 in " + WorldExporter.GROUND_TRUTH);
    }
    return p;
  }

  private static byte[] readChecked(Path root, String name, JsonNode manifest) throws IOException {
    Path f = root.resolve(name);
    if (!Files.isRegularFile(f)) {
      throw corrupt(root, name + " is missing");
    }
    byte[] bytes = Files.readAllBytes(f);
    String expected = manifest.path("sha256").path(name).asText();
    if (!Hashing.hex(Hashing.sha256().digest(bytes)).equals(expected)) {
      throw corrupt(root, name + " does not match its SHA-256 in " + WorldExporter.MANIFEST);
    }
    return bytes;
  }

  private static JsonNode parse(ObjectMapper json, Path root, Path file) throws IOException {
    try {
      return json.readTree(file.toFile());
    } catch (IOException e) {
      throw corrupt(root, root.relativize(file) + " is not valid JSON");
    }
  }

  private static WorldConfig config(Path root, JsonNode c) throws IOException {
    if (c.isMissingNode()) {
      throw corrupt(root, WorldExporter.GROUND_TRUTH + " has no config");
    }
    try {
      return new WorldConfig(
          c.path("seed").asLong(), c.path("species").asInt(), c.path("imagesPerSpecies").asInt(), c.path("imageSize").asInt(),
          c.path("valFraction").asDouble(), c.path("testFraction").asDouble(), c.path("occlusionRate").asDouble(), c.path("flyingRate").asDouble());
    } catch (IllegalArgumentException e) {
      throw corrupt(root, "its config is invalid: " + e.getMessage());
    }
  }

  private static int[] ints(JsonNode arr) {
    int[] out = new int[arr.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = arr.get(i).asInt();
    }
    return out;
  }

  private static IOException corrupt(Path root, String what) {
    return new IOException("world export " + root + " is incomplete or corrupt: " + what + "; delete the folder and generate the world again");
  }

  private static IOException stale(Path root, String what) {
    return new IOException("world export " + root + " does not match this Glassbox's world: " + what + "; delete the folder and generate the world again");
  }
}
