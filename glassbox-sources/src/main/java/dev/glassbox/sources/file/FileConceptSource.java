package dev.glassbox.sources.file;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSource;
import dev.glassbox.sources.ClassNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
    Set<String> wanted = new HashSet<>();
    for (String n : names) {
      wanted.add(n.toLowerCase(Locale.ROOT));
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
      boolean keep = false;
      for (String cls : classes) {
        fileClasses.add(cls);
        String k = cls.toLowerCase(Locale.ROOT);
        if (wanted.contains(k)) {
          covered.add(k);
          keep = true;
        }
      }
      if (keep) {
        out.add(c);
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
            file + " has no concepts for class " + String.join(", ", missing) + "; its classes are "
                + (known.size() > 10 ? known.subList(0, 10) + " and " + (known.size() - 10) + " more" : known)
                + ". Check the class names or add their concepts to the file");
      }
    }
    return out;
  }
}
