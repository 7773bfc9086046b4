package dev.glassbox.deep.align;

import dev.glassbox.math.FloatMatrix;
import java.util.List;
import java.util.Objects;

/**
 * Image–caption pairs for contrastive alignment: 8-bit RGB images, and for each image the ids of
 * the captions that describe it (rows of a table of caption embeddings from the frozen text
 * tower). Each epoch draws one caption per image; a caption describes every image that lists its
 * id, so a short caption shared by many images ("yellow crown") is a positive for all of them.
 *
 * @param images one {@code byte[3 × size × size]} per image: R, G and B planes, row-major
 * @param size the side of every image
 * @param captions per image, the ids (rows of {@code captionEmbeddings}) of its captions; at least one
 * @param captionEmbeddings {@code [numCaptions × textDim]}: the frozen text tower's embeddings,
 *     compared by cosine (rows are L2-normalised by the trainer if they are not already)
 */
public record AlignmentData(List<byte[]> images, int size, int[][] captions, FloatMatrix captionEmbeddings) {
  public AlignmentData {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(captions, "captions");
    Objects.requireNonNull(captionEmbeddings, "captionEmbeddings");
    if (images.size() != captions.length) {
      throw new IllegalArgumentException("alignment data has " + images.size() + " images but " + captions.length
          + " caption lists; give one list per image");
    }
    int len = 3 * size * size;
    for (int i = 0; i < images.size(); i++) {
      byte[] img = images.get(i);
      if (img == null || img.length != len) {
        throw new IllegalArgumentException("image " + i + " has " + (img == null ? "no" : img.length) + " bytes; a " + size + " × "
            + size + " RGB image has " + len);
      }
      if (captions[i] == null || captions[i].length == 0) {
        throw new IllegalArgumentException("image " + i + " has no caption; every image needs at least one");
      }
      for (int c : captions[i]) {
        if (c < 0 || c >= captionEmbeddings.rows()) {
          throw new IllegalArgumentException("image " + i + " names caption " + c + " but there are " + captionEmbeddings.rows()
              + " caption embeddings");
        }
      }
    }
    long bad = captionEmbeddings.firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException("caption embedding " + bad / captionEmbeddings.cols() + " holds a non-finite value");
    }
    images = List.copyOf(images);
  }

  public int numImages() {
    return images.size();
  }

  public int textDim() {
    return captionEmbeddings.cols();
  }
}
