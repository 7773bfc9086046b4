package dev.glassbox.sources.vocabulary;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSource;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Kernels;
import dev.glassbox.math.Matrices;
import dev.glassbox.sources.ClassNames;
import dev.glassbox.sources.ConceptCollector;
import dev.glassbox.sources.VocabularyProvenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Concepts chosen from a fixed vocabulary by how often each token is among the nearest tokens of
 * unlabelled images that look like the class: the vision-to-concept tokenizer of V2C-CBM (Chen et
 * al., AAAI 2025), whose vocabulary idea comes from Discover-then-Name (Rao et al., ECCV 2024).
 *
 * <p>For each class: rank the unlabelled pool by cosine similarity to the class name's embedding
 * (averaged over {@link VocabularyConfig#classTemplates()}), take the top
 * {@link VocabularyConfig#imagesPerClass()} images, find each one's
 * {@link VocabularyConfig#topK()} nearest vocabulary tokens by cosine similarity, and keep the
 * {@link VocabularyConfig#conceptsPerClass()} tokens found most often (ties go to the more frequent
 * word; tokens never found are not kept). Works with any text encoder whose space the image
 * embeddings share (CLIP towers, or the concept world's aligned image tower).
 *
 * <p>Each concept records the vocabulary and its licence, the token's kind, its hit count, the
 * number of images counted, its rank in the class and the encoder ({@link VocabularyProvenance}).
 * The source caches the encoded vocabulary and each image's nearest tokens after the first call.
 */
public final class VocabularyConceptSource implements ConceptSource {
  public static final String NAME = "vocabulary";

  private final Vocabulary vocabulary;
  private final TextEncoder encoder;
  private final FloatMatrix images;
  private final VocabularyConfig config;
  private final Object lock = new Object();
  private int[][] nearestTokens;

  /**
   * @param images unlabelled image embeddings {@code [numImages × dim]}, in the encoder's space
   */
  public VocabularyConceptSource(Vocabulary vocabulary, TextEncoder encoder, FloatMatrix images, VocabularyConfig config) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.images = Objects.requireNonNull(images, "images");
    this.config = Objects.requireNonNull(config, "config");
    if (images.rows() == 0) {
      throw new IllegalArgumentException("the vocabulary source needs unlabelled image embeddings; the pool is empty");
    }
    if (images.cols() != encoder.dim()) {
      throw new IllegalArgumentException("the image embeddings are " + images.cols() + "-d but the text encoder '"
          + encoder.identity().name() + "' gives " + encoder.dim() + "-d; embed the images with the matching image encoder");
    }
    long bad = images.firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException("image embedding " + bad / images.cols() + " holds a non-finite value at dimension " + bad % images.cols());
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  public VocabularyConfig config() {
    return config;
  }

  @Override
  public List<Concept> generate(List<String> classNames) {
    List<String> names = ClassNames.validate(classNames, NAME);
    int[][] nearest = nearestTokens();
    FloatMatrix classes = embed(names, config.classTemplates());
    FloatMatrix normImages = Matrices.normalizeRows(images);
    FloatMatrix sims = Kernels.multiplyTransposed(classes, normImages);
    int n = Math.min(config.imagesPerClass(), images.rows());
    ConceptCollector out = new ConceptCollector();
    int[] hits = new int[vocabulary.size()];
    for (int c = 0; c < names.size(); c++) {
      java.util.Arrays.fill(hits, 0);
      int[] top = Matrices.topK(sims.data(), c * images.rows(), images.rows(), n);
      for (int img : top) {
        for (int tok : nearest[img]) {
          hits[tok]++;
        }
      }
      for (int r = 0; r < config.conceptsPerClass(); r++) {
        int best = -1;
        for (int t = 0; t < hits.length; t++) {
          if (hits[t] > 0 && (best < 0 || hits[t] > hits[best])) {
            best = t;
          }
        }
        if (best < 0) {
          break;
        }
        Vocabulary.Entry e = vocabulary.entries().get(best);
        out.add(e.text(), names.get(c), new VocabularyProvenance(vocabulary.name(), vocabulary.licence(), e.kind().id(),
            hits[best], n, r + 1, encoder.identity().name()));
        hits[best] = 0;
      }
    }
    return out.concepts();
  }

  /** Each image's {@code topK} nearest tokens, computed once in blocks of images. */
  private int[][] nearestTokens() {
    synchronized (lock) {
      if (nearestTokens != null) {
        return nearestTokens;
      }
      FloatMatrix tokens = embed(vocabulary.texts(), config.tokenTemplates());
      int[][] out = new int[images.rows()][];
      int k = Math.min(config.topK(), vocabulary.size());
      for (int start = 0; start < images.rows(); start += config.blockSize()) {
        int end = Math.min(images.rows(), start + config.blockSize());
        FloatMatrix block = Matrices.normalizeRows(images.rowRange(start, end));
        FloatMatrix s = Kernels.multiplyTransposed(block, tokens);
        for (int i = 0; i < end - start; i++) {
          out[start + i] = Matrices.topK(s.data(), i * tokens.rows(), tokens.rows(), k);
        }
      }
      nearestTokens = out;
      return out;
    }
  }

  /** Unit-norm embeddings of {@code texts}, each the normalised mean over {@code templates}. */
  private FloatMatrix embed(List<String> texts, List<String> templates) {
    FloatMatrix sum = null;
    for (String t : templates) {
      List<String> prompts = new ArrayList<>(texts.size());
      for (String x : texts) {
        prompts.add(t.replace("{}", x));
      }
      FloatMatrix e = Matrices.normalizeRows(encoder.encode(prompts));
      if (e.rows() != texts.size() || e.cols() != encoder.dim()) {
        throw new IllegalStateException("text encoder '" + encoder.identity().name() + "' returned " + e.shape()
            + " embeddings for " + texts.size() + " texts of dimension " + encoder.dim());
      }
      if (sum == null) {
        sum = e;
      } else {
        float[] a = sum.data();
        float[] b = e.data();
        for (int i = 0; i < a.length; i++) {
          a[i] += b[i];
        }
      }
    }
    return Matrices.normalizeRows(sum);
  }
}
