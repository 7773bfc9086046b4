package dev.glassbox.sources.vocabulary;

import java.util.List;

/**
 * Settings of {@link VocabularyConceptSource}, with V2C-CBM's defaults (Chen et al., AAAI 2025).
 *
 * @param topK nearest tokens counted per image, ≥ 1. Default 5, V2C-CBM's top-5
 * @param imagesPerClass class-nearest unlabelled images counted per class, ≥ 1. Default 500,
 *     V2C-CBM's n (out of a pool of 1000)
 * @param conceptsPerClass most frequent tokens kept per class, ≥ 1. Default 50, V2C-CBM's budget
 * @param classTemplates prompts whose embeddings, averaged, stand for a class name ({@code {}} is
 *     the name), at least one. Default {@code "a photo of a {}."}, CLIP's basic prompt; V2C-CBM
 *     averages CLIP's 80 ImageNet templates
 * @param tokenTemplates prompts whose embeddings, averaged, stand for a token, at least one.
 *     Default {@code "{}"} (the bare token)
 * @param blockSize images whose token similarities are computed at once, ≥ 1. Default 256 (bounds
 *     memory at {@code blockSize × vocabulary} floats)
 */
public record VocabularyConfig(
    int topK, int imagesPerClass, int conceptsPerClass, List<String> classTemplates, List<String> tokenTemplates, int blockSize) {

  public VocabularyConfig {
    classTemplates = List.copyOf(classTemplates);
    tokenTemplates = List.copyOf(tokenTemplates);
    check(topK >= 1, "topK", "≥ 1", topK);
    check(imagesPerClass >= 1, "imagesPerClass", "≥ 1", imagesPerClass);
    check(conceptsPerClass >= 1, "conceptsPerClass", "≥ 1", conceptsPerClass);
    check(blockSize >= 1, "blockSize", "≥ 1", blockSize);
    check(!classTemplates.isEmpty() && classTemplates.stream().allMatch(t -> t.contains("{}")), "classTemplates",
        "a non-empty list of prompts holding {}", classTemplates);
    check(!tokenTemplates.isEmpty() && tokenTemplates.stream().allMatch(t -> t.contains("{}")), "tokenTemplates",
        "a non-empty list of prompts holding {}", tokenTemplates);
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("vocabulary source " + name + " must be " + range + ", got " + value);
    }
  }

  public static VocabularyConfig defaults() {
    return new VocabularyConfig(5, 500, 50, List.of("a photo of a {}."), List.of("{}"), 256);
  }

  public VocabularyConfig withTopK(int v) {
    return new VocabularyConfig(v, imagesPerClass, conceptsPerClass, classTemplates, tokenTemplates, blockSize);
  }

  public VocabularyConfig withImagesPerClass(int v) {
    return new VocabularyConfig(topK, v, conceptsPerClass, classTemplates, tokenTemplates, blockSize);
  }

  public VocabularyConfig withConceptsPerClass(int v) {
    return new VocabularyConfig(topK, imagesPerClass, v, classTemplates, tokenTemplates, blockSize);
  }

  public VocabularyConfig withClassTemplates(List<String> v) {
    return new VocabularyConfig(topK, imagesPerClass, conceptsPerClass, v, tokenTemplates, blockSize);
  }

  public VocabularyConfig withTokenTemplates(List<String> v) {
    return new VocabularyConfig(topK, imagesPerClass, conceptsPerClass, classTemplates, v, blockSize);
  }

  public VocabularyConfig withBlockSize(int v) {
    return new VocabularyConfig(topK, imagesPerClass, conceptsPerClass, classTemplates, tokenTemplates, v);
  }
}
