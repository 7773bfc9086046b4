package dev.glassbox.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training items one few-shot run sees. Validation and test items are always all of the
 * dataset's, so every run of a comparison is scored on the same test set.
 *
 * @param shots the setting
 * @param seedIndex which repetition (0, 1, …)
 * @param seed the seed that drew the items, also the run's training seed
 * @param trainRows dataset rows of the kept training items, ascending
 * @param trainIds their item ids, in the same order (what a replay matches on)
 */
public record FewShotSplit(Shots shots, int seedIndex, long seed, int[] trainRows, List<String> trainIds) {
  public static final String FORMAT = "glassbox-fewshot-split";
  public static final int FORMAT_VERSION = 1;

  public FewShotSplit {
    trainRows = trainRows.clone();
    trainIds = List.copyOf(trainIds);
    if (trainRows.length != trainIds.size()) {
      throw new IllegalArgumentException("a few-shot split lists " + trainRows.length + " rows but " + trainIds.size() + " ids");
    }
  }

  /** A file name for this split: {@code shots-4-seed-0.json}. */
  public String fileName() {
    return "shots-" + shots.label() + "-seed-" + seedIndex + ".json";
  }

  /** The JSON form written beside comparison results, so a run can be replayed. */
  public Map<String, Object> toJson(String datasetName, String datasetFingerprint) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("formatVersion", FORMAT_VERSION);
    m.put("dataset", datasetName);
    m.put("datasetFingerprint", datasetFingerprint);
    m.put("shots", shots.label());
    m.put("seedIndex", seedIndex);
    m.put("seed", seed);
    List<Integer> rows = new ArrayList<>(trainRows.length);
    for (int r : trainRows) {
      rows.add(r);
    }
    m.put("trainRows", rows);
    m.put("trainIds", trainIds);
    return m;
  }
}
