/** KnoBo-style retrieval: BM25 (Lucene) over passages of the user's documents, phrases from the top passages. */
package dev.glassbox.sources.corpus;
