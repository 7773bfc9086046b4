package dev.glassbox.sources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A concept read from a file.
 *
 * @param file the file's name (not its full path, so that the concept set's hash does not depend on
 *     where the file sits)
 * @param format the format it was read as ({@code ConceptFileFormat} id)
 * @param position 1-based line (text, CSV) or item index (JSON) of the first occurrence
 * @param detail extra format-specific details (e.g. Label-free CBM's prompt kind), may be empty
 */
public record FileProvenance(String file, String format, int position, Map<String, String> detail) implements ConceptProvenance {
  public FileProvenance {
    detail = detail == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(detail));
  }

  @Override
  public String source() {
    return "file";
  }

  @Override
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("file", file);
    m.put("format", format);
    m.put("position", Integer.toString(position));
    m.putAll(detail);
    return m;
  }
}
