/**
 * Concept sources that need outside parts, every one behind {@link dev.glassbox.concepts.ConceptSource}:
 * concept files ({@code file}), an OpenAI-compatible LLM ({@code llm}), WordNet ({@code wordnet}), a
 * frequency-ranked vocabulary ranked on unlabelled images ({@code vocabulary}) and BM25 retrieval
 * over the user's documents ({@code corpus}).
 *
 * <p>Shared by all: {@link dev.glassbox.sources.ClassNames} validates the class list once (non-empty,
 * no blank and no duplicate names); each concept records its provenance as one of the
 * {@link dev.glassbox.sources.ConceptProvenance} records; {@link dev.glassbox.sources.ConceptCollector}
 * keeps each text once and lists every proposing class under metadata {@code classes}.
 */
package dev.glassbox.sources;
