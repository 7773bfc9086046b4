package dev.glassbox.concepts;

import java.util.List;

/**
 * Proposes candidate concepts for a set of classes (an LLM, WordNet, a vocabulary, a corpus, a
 * file, discovery from images, …). Each concept records its source and the class that proposed it.
 */
public interface ConceptSource {
  /** A short name recorded in provenance ({@code "wordnet"}, {@code "llm"}, …). */
  String name();

  /** Candidate concepts for {@code classNames}; may contain concepts proposed by several classes. */
  List<Concept> generate(List<String> classNames);
}
