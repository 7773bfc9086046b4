package dev.glassbox.concepts;

import dev.glassbox.util.Hashing;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ordered list of concepts: the columns of a bottleneck. Concept texts are unique; their order
 * is the order of the bottleneck's activations.
 */
public record ConceptSet(List<Concept> concepts) {
  public ConceptSet {
    concepts = List.copyOf(concepts);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < concepts.size(); i++) {
      Integer prev = seen.put(concepts.get(i).text(), i);
      if (prev != null) {
        throw new IllegalArgumentException(
            "concept \"" + concepts.get(i).text() + "\" appears twice (positions " + prev + " and " + i + "); concept texts must be unique");
      }
    }
  }

  /** A set from plain phrases, with source "user"; duplicates are dropped, first kept. */
  public static ConceptSet ofTexts(Collection<String> texts) {
    Map<String, Concept> m = new LinkedHashMap<>();
    for (String t : texts) {
      String s = t.strip();
      if (!s.isEmpty()) {
        m.putIfAbsent(s, Concept.of(s));
      }
    }
    return new ConceptSet(new ArrayList<>(m.values()));
  }

  /** Merges concepts, keeping the first occurrence of each text. */
  public static ConceptSet deduplicated(Collection<Concept> concepts) {
    Map<String, Concept> m = new LinkedHashMap<>();
    for (Concept c : concepts) {
      m.putIfAbsent(c.text(), c);
    }
    return new ConceptSet(new ArrayList<>(m.values()));
  }

  public int size() {
    return concepts.size();
  }

  public Concept get(int i) {
    return concepts.get(i);
  }

  public List<String> texts() {
    List<String> out = new ArrayList<>(concepts.size());
    for (Concept c : concepts) {
      out.add(c.text());
    }
    return out;
  }

  /** The position of the concept with this text, or -1. */
  public int indexOf(String text) {
    for (int i = 0; i < concepts.size(); i++) {
      if (concepts.get(i).text().equals(text)) {
        return i;
      }
    }
    return -1;
  }

  /** The concepts at {@code indices}, in that order. */
  public ConceptSet select(int[] indices) {
    List<Concept> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(concepts.get(i));
    }
    return new ConceptSet(out);
  }

  /**
   * A SHA-256 over every concept's text, source, proposing class and metadata, in order: two sets
   * with the same hash give the same bottleneck columns.
   */
  public String hash() {
    MessageDigest md = Hashing.sha256();
    Hashing.update(md, concepts.size());
    for (Concept c : concepts) {
      Hashing.update(md, c.text());
      Hashing.update(md, c.source());
      Hashing.update(md, c.proposedBy());
      TreeMap<String, String> meta = new TreeMap<>(c.metadata());
      Hashing.update(md, meta.size());
      meta.forEach((k, v) -> {
        Hashing.update(md, k);
        Hashing.update(md, v);
      });
    }
    return Hashing.hex(md.digest());
  }
}
