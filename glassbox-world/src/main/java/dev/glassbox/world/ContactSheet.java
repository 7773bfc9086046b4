package dev.glassbox.world;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Tiles rendered images into one sheet, for eyeballing a world and for documentation. Draws no
 * text (fonts differ between machines).
 */
public final class ContactSheet {
  private ContactSheet() {}

  /**
   * Writes the sheet of the default world, one image per species, to the PNG file named by the
   * first argument: {@code java -cp … dev.glassbox.world.ContactSheet glassbox-world/docs/contact-sheet.png}.
   */
  public static void main(String[] args) throws java.io.IOException {
    if (args.length != 1) {
      System.err.println("usage: ContactSheet <output.png>");
      System.exit(2);
    }
    java.nio.file.Files.write(java.nio.file.Path.of(args[0]), PngEncoder.rgb(of(World.generate(WorldConfig.defaults()), 1)));
  }

  /**
   * A sheet of the first {@code perSpecies} images of every species of {@code world}: one row per
   * species when {@code perSpecies > 1}, otherwise species in a near-square grid.
   */
  public static BufferedImage of(World world, int perSpecies) {
    if (perSpecies < 1 || perSpecies > world.config().imagesPerSpecies()) {
      throw new IllegalArgumentException("perSpecies must be in [1, " + world.config().imagesPerSpecies() + "], got " + perSpecies);
    }
    int n = world.species().size();
    int cols = perSpecies > 1 ? perSpecies : (int) Math.ceil(Math.sqrt(n));
    int rows = perSpecies > 1 ? n : (n + cols - 1) / cols;
    int s = world.config().imageSize();
    int gap = 2;
    BufferedImage sheet = new BufferedImage(cols * (s + gap) + gap, rows * (s + gap) + gap, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      for (int sp = 0; sp < n; sp++) {
        for (int j = 0; j < perSpecies; j++) {
          int cell = perSpecies > 1 ? sp * cols + j : sp;
          int i = sp * world.config().imagesPerSpecies() + j;
          g.drawImage(world.render(i).image(), gap + (cell % cols) * (s + gap), gap + (cell / cols) * (s + gap), null);
        }
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }
}
