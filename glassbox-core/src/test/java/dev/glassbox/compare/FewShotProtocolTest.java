package dev.glassbox.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.Split;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FewShotProtocolTest {
  static Dataset data;

  @BeforeAll
  static void generate() {
    data = SynthGenerator.generate(SynthConfig.of(5, 20, 300, 8, 1)).dataset();
  }

  @Test
  void keepsExactlyTheShotsPerClassAndEveryValidationAndTestItem() {
    List<FewShotSplit> splits = FewShotProtocol.splits(data, Shots.parseList("1,4,all"), 2, 7);
    assertThat(splits).hasSize(6).extracting(s -> s.shots().label() + "/" + s.seedIndex())
        .containsExactly("1/0", "1/1", "4/0", "4/1", "all/0", "all/1");
    for (FewShotSplit s : splits) {
      Dataset d = FewShotProtocol.apply(data, s);
      int[] perClass = new int[5];
      for (int i : d.indices(Split.TRAIN)) {
        perClass[d.labels()[i]]++;
      }
      int expected = s.shots().isAll() ? -1 : s.shots().perClass();
      if (expected > 0) {
        assertThat(perClass).containsOnly(expected);
      } else {
        assertThat(d.indices(Split.TRAIN)).hasSameSizeAs(data.indices(Split.TRAIN));
      }
      assertThat(d.indices(Split.TEST).length).isEqualTo(data.indices(Split.TEST).length);
      assertThat(d.indices(Split.VALIDATION).length).isEqualTo(data.indices(Split.VALIDATION).length);
      assertThat(d.ids()).containsAll(s.trainIds());
    }
  }

  @Test
  void splitsAreSeededNestedAndDifferBetweenSeeds() {
    List<FewShotSplit> a = FewShotProtocol.splits(data, Shots.parseList("2,8"), 3, 11);
    List<FewShotSplit> b = FewShotProtocol.splits(data, Shots.parseList("2,8"), 3, 11);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).trainRows()).containsExactly(a.get(i).trainRows());
      assertThat(b.get(i).seed()).isEqualTo(a.get(i).seed());
    }
    assertThat(a.get(0).trainRows()).isNotEqualTo(a.get(1).trainRows());
    assertThat(a.get(3).trainIds()).containsAll(a.get(0).trainIds());
    assertThat(FewShotProtocol.splits(data, Shots.parseList("2"), 1, 12).get(0).trainRows()).isNotEqualTo(a.get(0).trainRows());
    assertThat(a.get(1).seed()).isEqualTo(FewShotProtocol.seedOf(11, 1));
  }

  @Test
  void savedSplitsReplayByItemId() {
    FewShotSplit s = FewShotProtocol.splits(data, List.of(new Shots(3)), 1, 5).get(0);
    Map<String, Object> json = s.toJson(data.name(), "fp");
    assertThat(json).containsEntry("format", FewShotSplit.FORMAT).containsEntry("shots", "3").containsEntry("seed", s.seed());
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) json.get("trainIds");
    FewShotSplit back = FewShotProtocol.fromIds(data, new Shots(3), 0, s.seed(), ids);
    assertThat(back.trainRows()).containsExactly(s.trainRows());
    assertThat(s.fileName()).isEqualTo("shots-3-seed-0.json");
  }

  @Test
  void refusesMoreShotsThanAClassHas() {
    int fewest = Arrays.stream(data.countsPerClass().stream().mapToInt(c -> c[Split.TRAIN.ordinal()]).toArray()).min().orElseThrow();
    assertThatThrownBy(() -> FewShotProtocol.splits(data, Shots.parseList("1," + (fewest + 1)), 1, 0))
        .hasMessageContaining("shots " + (fewest + 1) + " needs " + (fewest + 1) + " training items in every class, but class")
        .hasMessageContaining("has " + fewest + "; use shot counts ≤ " + fewest + " or all");
  }

  @Test
  void refusesReplayedItemsThatAreNotTrainingItems() {
    String testItem = data.ids().get(data.indices(Split.TEST)[0]);
    assertThatThrownBy(() -> FewShotProtocol.fromIds(data, new Shots(1), 0, 0, List.of(testItem)))
        .hasMessageContaining("is a test item of dataset 'synth', not a training item");
    assertThatThrownBy(() -> FewShotProtocol.fromIds(data, new Shots(1), 0, 0, List.of("nope")))
        .hasMessageContaining("names item 'nope', which dataset 'synth' does not have");
  }

  @Test
  void parsesShotLists() {
    assertThat(Shots.parseList("all, 16,1,2,2")).extracting(Shots::label).containsExactly("1", "2", "16", "all");
    assertThatThrownBy(() -> Shots.parse("0")).hasMessage("shots must be ≥ 1 item per class or 'all', got 0");
    assertThatThrownBy(() -> Shots.parse("many")).hasMessage("shots 'many' is neither a count of items per class nor 'all'");
  }
}
