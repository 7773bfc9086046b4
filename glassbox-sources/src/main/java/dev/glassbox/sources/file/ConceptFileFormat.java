package dev.glassbox.sources.file;

/** The concept file formats {@link ConceptFiles} reads. */
public enum ConceptFileFormat {
  /** One concept per line; blank lines and {@code #} comments skipped ({@code .txt}, {@code .list}). */
  PLAIN_TEXT("text", "one concept per line (.txt, .list)"),
  /**
   * Label-free CBM's concept set: one concept per line, as in its {@code data/concept_sets/*.txt}
   * (Oikarinen et al., ICLR 2023). Read like plain text; recognised by a name such as
   * {@code cifar10_filtered.txt}.
   */
  LFCBM_CONCEPT_SET("lfcbm-concept-set", "Label-free CBM concept set (*_filtered.txt)"),
  /** Glassbox concept JSON ({@code {"format": "glassbox-concepts", "concepts": [...]}} or an array). */
  GLASSBOX_JSON("glassbox-json", "Glassbox concept JSON (.json with a \"concepts\" array, or an array)"),
  /** LaBo's {@code class2concepts.json}: an object mapping each class to its list of phrases (Yang et al., CVPR 2023). */
  LABO_CLASS2CONCEPTS("labo-class2concepts", "LaBo class2concepts.json ({class: [phrases]})"),
  /**
   * Label-free CBM's per-class GPT output, {@code {class: [concepts]}}, one file per prompt
   * ({@code gpt3_<dataset>_important.json}, {@code _superclass}, {@code _around}).
   */
  LFCBM_GPT_JSON("lfcbm-gpt-json", "Label-free CBM GPT output (gpt3_*_important|superclass|around.json)"),
  /** Comma-separated {@code text[,class][,source]}, optional header, RFC 4180 quoting ({@code .csv}). */
  CSV("csv", "CSV with columns text[,class][,source] (.csv)"),
  /** Tab-separated, otherwise as {@link #CSV} ({@code .tsv}). */
  TSV("tsv", "TSV with columns text[,class][,source] (.tsv)");

  private final String id;
  private final String description;

  ConceptFileFormat(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The name recorded in each concept's provenance. */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** Every accepted format, for error messages. */
  public static String accepted() {
    StringBuilder sb = new StringBuilder();
    for (ConceptFileFormat f : values()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(f.description);
    }
    return sb.toString();
  }
}
