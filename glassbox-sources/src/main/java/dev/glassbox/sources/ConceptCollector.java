package dev.glassbox.sources;

import dev.glassbox.concepts.Concept;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gathers the concepts a source proposes, keeping each text once: the first occurrence's text and
 * provenance win, and metadata key {@code classes} lists every class that proposed it (a JSON
 * array, in first-proposal order; {@link Concept#proposingClasses()} reads it), so that the
 * language prior, the class-grounding filter and per-class selection can see every proposer.
 * Texts are compared after lower-casing and collapsing whitespace.
 */
public final class ConceptCollector {
  /** Metadata key listing every proposing class. */
  public static final String CLASSES = Concept.CLASSES;

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private static final class Entry {
    final String text;
    final String proposedBy;
    final ConceptProvenance provenance;
    final List<String> classes = new ArrayList<>();

    Entry(String text, String proposedBy, ConceptProvenance provenance) {
      this.text = text;
      this.proposedBy = proposedBy;
      this.provenance = provenance;
    }
  }

  /** The key two texts share when they are the same concept. */
  public static String key(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** Adds a concept proposed by {@code className} (null for class-free concepts); blank texts are ignored. */
  public void add(String text, String className, ConceptProvenance provenance) {
    if (text == null || text.isBlank()) {
      return;
    }
    String clean = text.strip().replaceAll("\\s+", " ");
    Entry e = entries.computeIfAbsent(key(clean), k -> new Entry(clean, className, provenance));
    if (className != null && !e.classes.contains(className)) {
      e.classes.add(className);
    }
  }

  public int size() {
    return entries.size();
  }

  /** The concepts gathered so far, in first-proposal order. */
  public List<Concept> concepts() {
    List<Concept> out = new ArrayList<>(entries.size());
    for (Entry e : entries.values()) {
      Map<String, String> meta = new LinkedHashMap<>(e.provenance.metadata());
      if (!e.classes.isEmpty()) {
        meta.put(CLASSES, ConceptProvenance.jsonList(e.classes));
      }
      out.add(new Concept(e.text, e.provenance.source(), e.proposedBy, meta));
    }
    return out;
  }
}
