package dev.glassbox.sources.corpus;

import java.util.List;

/**
 * Settings of {@link CorpusConceptSource}.
 *
 * @param sentencesPerPassage sentences per passage, ≥ 1. Default 3 (a few sentences, as retrieval
 *     passages in KnoBo's MedRAG corpora are short snippets)
 * @param passagesPerClass passages retrieved per class, ≥ 1. Default 10
 * @param queryTemplate the query text for a class, {@code {}} standing for its name. Default
 *     {@code "{}"}; e.g. {@code "{} appearance colour shape"} biases retrieval toward descriptions
 * @param k1 BM25 term-frequency saturation, ≥ 0. Default 1.2 (Lucene's and the usual BM25 default)
 * @param b BM25 length normalisation, in [0, 1]. Default 0.75 (Lucene's and the usual default)
 * @param extensions file name endings read as documents. Default {@code .txt, .md}
 * @param maxPhraseWords longest extracted phrase in words, ≥ 1. Default 4
 */
public record CorpusConfig(
    int sentencesPerPassage, int passagesPerClass, String queryTemplate, float k1, float b, List<String> extensions,
    int maxPhraseWords) {

  public CorpusConfig {
    extensions = List.copyOf(extensions);
    check(sentencesPerPassage >= 1, "sentencesPerPassage", "≥ 1", sentencesPerPassage);
    check(passagesPerClass >= 1, "passagesPerClass", "≥ 1", passagesPerClass);
    check(queryTemplate != null && queryTemplate.contains("{}"), "queryTemplate", "a text holding {}", queryTemplate);
    check(k1 >= 0 && Float.isFinite(k1), "k1", "≥ 0", k1);
    check(b >= 0 && b <= 1, "b", "in [0, 1]", b);
    check(!extensions.isEmpty(), "extensions", "a non-empty list", extensions);
    check(maxPhraseWords >= 1, "maxPhraseWords", "≥ 1", maxPhraseWords);
  }

  private static void check(boolean ok, String name, String range, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("corpus source " + name + " must be " + range + ", got " + value);
    }
  }

  public static CorpusConfig defaults() {
    return new CorpusConfig(3, 10, "{}", 1.2f, 0.75f, List.of(".txt", ".md"), 4);
  }

  public CorpusConfig withSentencesPerPassage(int v) {
    return new CorpusConfig(v, passagesPerClass, queryTemplate, k1, b, extensions, maxPhraseWords);
  }

  public CorpusConfig withPassagesPerClass(int v) {
    return new CorpusConfig(sentencesPerPassage, v, queryTemplate, k1, b, extensions, maxPhraseWords);
  }

  public CorpusConfig withQueryTemplate(String v) {
    return new CorpusConfig(sentencesPerPassage, passagesPerClass, v, k1, b, extensions, maxPhraseWords);
  }

  public CorpusConfig withBm25(float k1, float b) {
    return new CorpusConfig(sentencesPerPassage, passagesPerClass, queryTemplate, k1, b, extensions, maxPhraseWords);
  }

  public CorpusConfig withExtensions(List<String> v) {
    return new CorpusConfig(sentencesPerPassage, passagesPerClass, queryTemplate, k1, b, v, maxPhraseWords);
  }

  public CorpusConfig withMaxPhraseWords(int v) {
    return new CorpusConfig(sentencesPerPassage, passagesPerClass, queryTemplate, k1, b, extensions, v);
  }
}
