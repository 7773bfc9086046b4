package dev.glassbox.world;

import dev.glassbox.data.Split;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A verified world export on disk (see {@link WorldReader}): its config, names, concepts and one
 * {@link Item} per image, with the files' paths. {@link #world()} regenerates the in-memory world
 * (identical, since generation is deterministic) for the field guide, captions and species table.
 */
public final class WorldExport {
  private final Path dir;
  private final WorldConfig config;
  private final List<String> speciesNames;
  private final List<String> conceptPhrases;
  private final List<Item> items;
  private final World world;

  WorldExport(Path dir, WorldConfig config, List<String> speciesNames, List<String> conceptPhrases, List<Item> items, World world) {
    this.dir = dir;
    this.config = config;
    this.speciesNames = List.copyOf(speciesNames);
    this.conceptPhrases = List.copyOf(conceptPhrases);
    this.items = List.copyOf(items);
    this.world = world;
  }

  /**
   * One exported image.
   *
   * @param index position in the world
   * @param id item id ({@code <species slug>/<nnnn>})
   * @param image absolute path of the RGB PNG
   * @param mask absolute path of the part-label PNG
   * @param species species index
   * @param split split
   * @param concepts present concept indices, ascending
   * @param partPixels drawn pixels per part (by {@link Part#ordinal()}) before occlusion
   * @param visiblePixels visible pixels per part after occlusion
   */
  public record Item(int index, String id, Path image, Path mask, int species, Split split, int[] concepts, int[] partPixels, int[] visiblePixels) {}

  /** The export's folder. */
  public Path dir() {
    return dir;
  }

  public WorldConfig config() {
    return config;
  }

  /** Species names, in label order. */
  public List<String> speciesNames() {
    return speciesNames;
  }

  /** Concept phrases, in concept order. */
  public List<String> conceptPhrases() {
    return conceptPhrases;
  }

  /** The images, in index order. */
  public List<Item> items() {
    return items;
  }

  /** The world regenerated from the export's config; its specs match the export's records. */
  public World world() {
    return world;
  }

  /** Reads image {@code i}. */
  public BufferedImage image(int i) throws IOException {
    Item it = items.get(i);
    BufferedImage img = ImageIO.read(it.image().toFile());
    if (img == null) {
      throw new IOException("image " + it.image() + " is not a readable PNG; the export is corrupt, generate it again");
    }
    return img;
  }

  /** Reads image {@code i}'s part-label map: one byte per pixel, row-major. */
  public byte[] partMap(int i) throws IOException {
    Item it = items.get(i);
    BufferedImage img = ImageIO.read(it.mask().toFile());
    if (img == null || img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      throw new IOException("mask " + it.mask() + " is not an 8-bit greyscale PNG; the export is corrupt, generate it again");
    }
    return ((DataBufferByte) img.getRaster().getDataBuffer()).getData().clone();
  }
}
