package dev.glassbox.methods.pcbm;

import dev.glassbox.data.Dataset;
import dev.glassbox.util.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A concept dataset given by item ids (Post-hoc CBM's concept folders, as one file): which items of
 * a dataset show each concept and which do not. One example per line, tab-separated:
 *
 * <pre>
 *   # concept        side   item id
 *   striped wings    +      item_0042
 *   striped wings    -      item_0107
 *   yellow crown     +      item_0003
 * </pre>
 *
 * The side is {@code +}/{@code pos}/{@code 1} or {@code -}/{@code neg}/{@code 0}. Blank lines and
 * lines starting with {@code #} are skipped. A concept that lists no negatives takes as negatives
 * every item the file lists for other concepts and not for it (as PCBM's Broden setup draws
 * negatives from the other concepts' images). Concepts keep their order of first appearance.
 *
 * @param concepts concept texts in order of first appearance
 * @param positives item ids per concept
 * @param negatives item ids per concept (empty when none were listed)
 */
public record ConceptExampleFile(List<String> concepts, Map<String, List<String>> positives, Map<String, List<String>> negatives) {

  public static ConceptExampleFile read(Path file) throws IOException {
    List<String> lines = TextFiles.readLines(file, "concept example file");
    Map<String, List<String>> pos = new LinkedHashMap<>();
    Map<String, List<String>> neg = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    for (int ln = 0; ln < lines.size(); ln++) {
      String line = lines.get(ln).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = lines.get(ln).split("\t");
      if (f.length != 3) {
        throw new IllegalArgumentException(file + " line " + (ln + 1) + ": expected 3 tab-separated fields (concept, + or -, item id), got "
            + f.length);
      }
      String concept = f[0].strip();
      String side = f[1].strip().toLowerCase(Locale.ROOT);
      String id = f[2].strip();
      if (concept.isEmpty() || id.isEmpty()) {
        throw new IllegalArgumentException(file + " line " + (ln + 1) + ": the concept and the item id must not be empty");
      }
      boolean positive = switch (side) {
        case "+", "pos", "positive", "1" -> true;
        case "-", "neg", "negative", "0" -> false;
        default -> throw new IllegalArgumentException(file + " line " + (ln + 1) + ": side must be + or -, got '" + f[1].strip() + "'");
      };
      if (!pos.containsKey(concept)) {
        order.add(concept);
        pos.put(concept, new ArrayList<>());
        neg.put(concept, new ArrayList<>());
      }
      (positive ? pos : neg).get(concept).add(id);
    }
    if (order.isEmpty()) {
      throw new IllegalArgumentException(file + " lists no concept examples (expected lines: concept<TAB>+|-<TAB>item id)");
    }
    return new ConceptExampleFile(order, pos, neg);
  }

  /** The examples as rows of {@code d}'s embeddings; an id the dataset lacks is an error naming it. */
  public List<ConceptExamples> resolve(Dataset d) {
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < d.size(); i++) {
      row.put(d.ids().get(i), i);
    }
    Set<String> pool = new LinkedHashSet<>();
    for (String c : concepts) {
      pool.addAll(positives.get(c));
      pool.addAll(negatives.get(c));
    }
    List<String> poolIds = new ArrayList<>(pool);
    Map<String, Integer> poolRow = new HashMap<>();
    int[] datasetRows = new int[poolIds.size()];
    for (int i = 0; i < poolIds.size(); i++) {
      String id = poolIds.get(i);
      Integer r = row.get(id);
      if (r == null) {
        String owner = concepts.stream().filter(c -> positives.get(c).contains(id) || negatives.get(c).contains(id)).findFirst().orElse("?");
        throw new IllegalArgumentException("concept examples name item \"" + id + "\" (concept \"" + owner + "\"), which dataset '"
            + d.name() + "' does not have");
      }
      datasetRows[i] = r;
      poolRow.put(poolIds.get(i), i);
    }
    var embeddings = d.embeddingsOf(datasetRows);
    List<ConceptExamples> out = new ArrayList<>();
    for (String c : concepts) {
      Set<String> p = new LinkedHashSet<>(positives.get(c));
      List<String> n = negatives.get(c).isEmpty()
          ? poolIds.stream().filter(id -> !p.contains(id)).toList()
          : negatives.get(c);
      out.add(new ConceptExamples(c, embeddings, p.stream().mapToInt(poolRow::get).toArray(), n.stream().mapToInt(poolRow::get).toArray()));
    }
    return out;
  }
}
