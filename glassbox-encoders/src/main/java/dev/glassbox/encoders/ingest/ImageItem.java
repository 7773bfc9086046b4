package dev.glassbox.encoders.ingest;

import dev.glassbox.data.Split;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One image to embed: where its file is, the id it gets in the dataset, its class, and its split
 * when the source names one.
 *
 * @param id the item id in the dataset's index (the file's path relative to the folder or, for a
 *     manifest, its {@code id} column or its {@code path} as written); unique within a collection
 * @param file the image file (it may be missing or unreadable: embedding reports that)
 * @param label the class name
 * @param split the split the source gives, or null when the source gives none
 */
public record ImageItem(String id, Path file, String label, Split split) {
  public ImageItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(label, "label");
  }
}
