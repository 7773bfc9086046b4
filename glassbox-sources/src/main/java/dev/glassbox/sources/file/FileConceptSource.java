package dev.glassbox.sources.file;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSource;
import dev.glassbox.sources.ClassNames;
import dev.glassbox.sources.ConceptProvenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Concepts from a file in any format {@link ConceptFiles} reads. Concepts that name a class are kept
 * when one of their classes is requested; class-free concepts (plain lists) are kept for all. A
 * requested class with no concept in a class-keyed file is an error naming it, so a typo in a class
 * name never silently yields a class without concepts.
 */
public final class FileConceptSource implements ConceptSource {
  public static final String NAME = "file";

  private final Path file;

  public FileConceptSource(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public String name() {
    return NAME;
  }

  public Path file() {
    return file;
  }

  @Override
  public List<Concept> generate(List<String> classNames) {
    List<String> names = ClassNames.validate(classNames, NAME);
    List<Concept> all;
    try {
      all = ConceptFiles.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read concept file " + file + ": " + e.getMessage(), e);
    }
    // Lower-cased requested name → the name as requested: a file's "Zebra" answers a run's "zebra"
    // and is written as "zebra", so the concept set matches the dataset's class names.
    Map<String, String> wanted = new HashMap<>();
    for (String n : names) {
      wanted.put(n.toLowerCase(Locale.ROOT), n);
    }
    Set<String> covered = new HashSet<>();
    Set<String> fileClasses = new LinkedHashSet<>();
    boolean classKeyed = false;
    List<Concept> out = new ArrayList<>();
    for (Concept c : all) {
      List<String> classes = c.proposingClasses();
      if (classes.isEmpty()) {
        out.add(c);
        continue;
      }
      classKeyed = true;
      List<String> requested = new ArrayList<>();
      for (String cls : classes) {
        fileClasses.add(cls);
        String k = cls.toLowerCase(Locale.ROOT);
        String asked = wanted.get(k);
        if (asked != null) {
          covered.add(k);
          if (!requested.contains(asked)) {
            requested.add(asked);
          }
        }
      }
      if (!requested.isEmpty()) {
        // Only the requested classes propose it here: a class outside the run must not become a
        // concept's first proposer (per-class selection gives it to that class alone).
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put(Concept.CLASSES, ConceptProvenance.jsonList(requested));
        out.add(new Concept(c.text(), c.source(), requested.get(0), meta));
      }
    }
    if (classKeyed) {
      List<String> missing = new ArrayList<>();
      for (String n : names) {
        if (!covered.contains(n.toLowerCase(Locale.ROOT))) {
          missing.add("\"" + n + "\"");
        }
      }
      if (!missing.isEmpty()) {
        List<String> known = new ArrayList<>(fileClasses);
        throw new IllegalArgumentException(
            file + " has no concepts for class " + String.join(", ", missing) + "; the classes it lists concepts for are "
                + (known.size() > 10 ? known.subList(0, 10) + " and " + (known.size() - 10) + " more" : known)
                + ". Check the class names or add their concepts to the file");
      }
    }
    return out;
  }
}
