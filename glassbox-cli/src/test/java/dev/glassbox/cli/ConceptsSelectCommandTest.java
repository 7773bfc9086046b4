package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.io.ConceptSetFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.Json;
import dev.glassbox.io.Npy;
import dev.glassbox.sources.ConceptCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox concepts select} on synthetic data: budgets, methods, optimizers, shots and the selection record. */
class ConceptsSelectCommandTest {
  @TempDir
  static Path tmp;

  /** Synthetic candidates that name no class. */
  static Path synth;
  /** The same, each concept proposed by a class (the first by two). */
  static Path proposed;

  @BeforeAll
  static void setUp() throws Exception {
    synth = tmp.resolve("synth");
    assertThat(CliRunner.run("synth", "--out", synth.toString(), "--classes", "4", "--concepts", "40", "--items", "400", "--dim", "16",
        "--seed", "5").exit()).isZero();
    proposed = tmp.resolve("proposed");
    copyOfSynth(proposed);
    ConceptSet set = ConceptSetFiles.readJson(proposed.resolve(DatasetStore.CONCEPTS));
    List<Concept> withClasses = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      Concept c = set.get(i);
      String cls = String.format("class_%d", i % 4);
      Map<String, String> meta = new LinkedHashMap<>(c.metadata());
      if (i == 0) {
        meta.put(ConceptCollector.CLASSES, "[\"class_0\",\"class_1\"]");
      }
      withClasses.add(new Concept(c.text(), c.source(), cls, meta));
    }
    ConceptSetFiles.write(proposed.resolve(DatasetStore.CONCEPTS), new ConceptSet(withClasses));
  }

  /** Copies the synthetic dataset's files into {@code dir} (created with its parents). */
  static void copyOfSynth(Path dir) throws Exception {
    Files.createDirectories(dir);
    try (var files = Files.list(synth)) {
      for (Path p : files.toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
  }

  static List<String> picks(JsonNode group) {
    List<String> out = new ArrayList<>();
    group.get("picked").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void aClassWithoutCandidatesIsNamedInAWarning() throws Exception {
    Path three = tmp.resolve("three-proposers");
    copyOfSynth(three);
    ConceptSet set = ConceptSetFiles.readJson(three.resolve(DatasetStore.CONCEPTS));
    List<Concept> byThree = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      Concept c = set.get(i);
      byThree.add(new Concept(c.text(), c.source(), "class_" + (i % 3), c.metadata()));
    }
    ConceptSetFiles.write(three.resolve(DatasetStore.CONCEPTS), new ConceptSet(byThree));
    CliRunner.Result r = CliRunner.run("concepts", "select", "--data", three.toString(), "--out", tmp.resolve("three-picked").toString(),
        "--per-class", "2", "--similarity", "exp-cosine");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("warning: 1 of 4 classes have no candidate concepts (\"class_3\")");
    assertThat(r.out()).contains("class_3").contains("0 of    0");
  }

  @Test
  void anOutputThatHoldsTheInputIsRefusedEvenWithForce() throws Exception {
    // --out the folder that holds --data: replacing it would delete the input.
    Path nest = tmp.resolve("nest");
    Path in = nest.resolve("in");
    copyOfSynth(in);
    CliRunner.Result r = CliRunner.run("concepts", "select", "--data", in.toString(), "--out", nest.toString(), "--global", "5",
        "--similarity", "exp-cosine", "--force");
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("--out " + nest).contains("holds the input --data " + in).contains("choose another --out");
    assertThat(in.resolve(DatasetStore.CONCEPTS)).exists();
    // The same folder reached through a symbolic link.
    Path link = tmp.resolve("nest-link");
    Files.createSymbolicLink(link, in);
    r = CliRunner.run("concepts", "select", "--data", link.toString(), "--out", in.toString(), "--global", "5",
        "--similarity", "exp-cosine", "--force");
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("is the input --data " + link).contains("symbolic link");
    r = CliRunner.run("train", "--data", in.toString(), "--out", tmp.toString(), "--force");
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(ConceptSetFiles.readJson(in.resolve(DatasetStore.CONCEPTS)).size()).isEqualTo(40);
    // An output inside the input's folder is allowed.
    r = CliRunner.run("concepts", "select", "--data", in.toString(), "--out", in.resolve("picked").toString(), "--global", "5",
        "--similarity", "exp-cosine");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void globalBudgetWritesTheSelectedConceptsAndTheSelectionRecord() throws Exception {
    Path out = tmp.resolve("global");
    CliRunner.Result r = CliRunner.run("concepts", "select", "--data", synth.toString(), "--out", out.toString(), "--global", "10",
        "--similarity", "exp-cosine", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("format").asText()).isEqualTo("glassbox-selection");
    assertThat(j.get("method").asText()).isEqualTo("submodular");
    assertThat(j.get("selector").asText()).isEqualTo("labo-submodular");
    assertThat(j.get("selected").asInt()).isEqualTo(10);
    assertThat(j.get("candidates").asInt()).isEqualTo(40);
    assertThat(j.path("config").path("profile").asText()).isEqualTo("PAPER");
    assertThat(j.path("config").path("alpha").asDouble()).isEqualTo(1e7);
    JsonNode group = j.get("groups").get(0);
    assertThat(j.get("groups")).hasSize(1);
    assertThat(picks(group)).hasSize(10).doesNotHaveDuplicates();
    assertThat(group.get("objective").asDouble()).isPositive();
    assertThat(group.get("gain_evaluations").asLong()).isPositive().isEqualTo(j.get("gain_evaluations").asLong());
    ConceptSet selected = ConceptSetFiles.readJson(out.resolve(DatasetStore.CONCEPTS));
    assertThat(selected.texts()).containsExactlyInAnyOrderElementsOf(picks(group));
    assertThat(Npy.readMatrix(out.resolve(DatasetStore.CONCEPT_EMBEDDINGS)).rows()).isEqualTo(10);
    assertThat(Json.read(out.resolve(ConceptsSelectCommand.SELECTION))).isEqualTo(j);
    assertThat(Npy.readMatrix(out.resolve(DatasetStore.ITEM_CONCEPTS)).cols()).isEqualTo(10);
    // The same command gives the same selection record (apart from where it was written).
    CliRunner.Result again = CliRunner.run("concepts", "select", "--data", synth.toString(), "--out", tmp.resolve("global-again").toString(),
        "--global", "10", "--similarity", "exp-cosine", "--json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) j).remove("out");
    JsonNode j2 = again.json();
    ((com.fasterxml.jackson.databind.node.ObjectNode) j2).remove("out");
    assertThat(j2).isEqualTo(j);
    CliRunner.Result train = CliRunner.run("train", "--data", out.toString(), "--out", tmp.resolve("global-model").toString(), "--json");
    assertThat(train.exit()).as(train.err()).isZero();
    assertThat(train.json().has("true_concept_recovery")).isTrue();
  }

  @Test
  void aConceptSeveralClassesProposedCompetesInEachWithEveryProposer() throws Exception {
    CliRunner.Result r = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("every").toString(),
        "--per-class", "3", "--similarity", "exp-cosine", "--shared-concepts", "every-proposer", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode groups = r.json().get("groups");
    assertThat(groups.get(0).get("candidates").asInt()).isEqualTo(10);
    assertThat(groups.get(1).get("candidates").asInt()).isEqualTo(11);
    assertThat(r.json().path("budget").path("shared_concepts").asText()).isEqualTo("every-proposer");

    CliRunner.Result bad = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("bad-shared").toString(),
        "--per-class", "3", "--shared-concepts", "everyone");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("--shared-concepts").contains("everyone").contains("first-proposer").contains("every-proposer");
    assertThat(tmp.resolve("bad-shared")).doesNotExist();
    CliRunner.Result global = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("global-shared").toString(),
        "--global", "6", "--shared-concepts", "every-proposer");
    assertThat(global.exit()).isNotZero();
    assertThat(global.err()).contains("--shared-concepts applies to per-class budgets");
  }

  @Test
  void perClassBudgetPicksAmongEachClassesOwnCandidates() throws Exception {
    Path out = tmp.resolve("per-class");
    CliRunner.Result r = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", out.toString(), "--per-class", "3",
        "--similarity", "exp-cosine", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("groups")).hasSize(4);
    ConceptSet all = ConceptSetFiles.readJson(proposed.resolve(DatasetStore.CONCEPTS));
    Set<String> union = new HashSet<>();
    for (JsonNode g : j.get("groups")) {
      String cls = g.get("class").asText();
      List<String> p = picks(g);
      assertThat(p).hasSize(3);
      for (String t : p) {
        Concept c = all.get(all.indexOf(t));
        assertThat(c.proposingClasses()).contains(cls);
      }
      union.addAll(p);
    }
    // The concept proposed by two classes is its first proposer's candidate only, as in LaBo's code.
    assertThat(j.get("groups").get(0).get("candidates").asInt()).isEqualTo(10);
    assertThat(j.get("groups").get(1).get("candidates").asInt()).isEqualTo(10);
    assertThat(j.path("budget").path("shared_concepts").asText()).isEqualTo("first-proposer");
    assertThat(ConceptSetFiles.readJson(out.resolve(DatasetStore.CONCEPTS)).texts()).containsExactlyInAnyOrderElementsOf(union);
    assertThat(r.json().path("budget").path("per_class").asInt()).isEqualTo(3);

    CliRunner.Result total = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("total").toString(),
        "--total", "10", "--similarity", "exp-cosine", "--json");
    assertThat(total.exit()).as(total.err()).isZero();
    assertThat(total.json().path("budget").path("per_class").asInt()).isEqualTo(3);
    for (JsonNode g : total.json().get("groups")) {
      assertThat(picks(g)).hasSize(3);
    }
  }

  @Test
  void lazyGreedyPicksWhatPlainGreedyPicksWithFewerGains() {
    CliRunner.Result lazy = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("lazy").toString(),
        "--per-class", "5", "--similarity", "exp-cosine", "--beta", "5", "--json");
    CliRunner.Result plain = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("plain").toString(),
        "--per-class", "5", "--similarity", "exp-cosine", "--beta", "5", "--optimizer", "plain", "--json");
    assertThat(lazy.exit()).as(lazy.err()).isZero();
    assertThat(plain.exit()).as(plain.err()).isZero();
    for (int g = 0; g < 4; g++) {
      assertThat(picks(lazy.json().get("groups").get(g))).isEqualTo(picks(plain.json().get("groups").get(g)));
    }
    assertThat(lazy.json().get("gain_evaluations").asLong()).isLessThanOrEqualTo(plain.json().get("gain_evaluations").asLong());
  }

  @Test
  void baselinesRunAndTheRandomOneIsReproducibleFromItsSeed() {
    Map<String, JsonNode> results = new HashMap<>();
    for (String method : List.of("random", "topk-mi", "topk-sim")) {
      List<String> args = new ArrayList<>(List.of("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve(method).toString(),
          "--per-class", "4", "--method", method, "--seed", "11", "--json"));
      if (!method.equals("random")) {
        args.addAll(List.of("--similarity", "exp-cosine"));
      }
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertThat(r.exit()).as(method + ": " + r.err()).isZero();
      assertThat(r.json().get("method").asText()).isEqualTo(method);
      assertThat(r.json().get("gain_evaluations").asLong()).isZero();
      assertThat(r.json().get("groups").get(0).get("objective").isNull()).isTrue();
      results.put(method, r.json());
    }
    CliRunner.Result again = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("random-again").toString(),
        "--per-class", "4", "--method", "random", "--seed", "11", "--json");
    assertThat(again.json().get("selected_concepts")).isEqualTo(results.get("random").get("selected_concepts"));
  }

  @Test
  void shotsScoreOnKSeededTrainingImagesPerClass() throws Exception {
    CliRunner.Result r = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("shots").toString(),
        "--per-class", "3", "--shots", "2", "--seed", "4", "--similarity", "exp-cosine", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("training_images").asInt()).isEqualTo(8);
    List<String> ids = new ArrayList<>();
    r.json().get("shot_ids").forEach(n -> ids.add(n.asText()));
    assertThat(ids).hasSize(8).doesNotHaveDuplicates();
    Map<String, Integer> perClass = new HashMap<>();
    try (DatasetStore.Stored s = DatasetStore.read(proposed)) {
      for (String id : ids) {
        int i = s.dataset().ids().indexOf(id);
        assertThat(s.dataset().splits()[i]).isEqualTo(dev.glassbox.data.Split.TRAIN);
        perClass.merge(s.dataset().classNames().get(s.dataset().labels()[i]), 1, Integer::sum);
      }
    }
    assertThat(perClass).hasSize(4).allSatisfy((k, v) -> assertThat(v).isEqualTo(2));
    CliRunner.Result same = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("shots-again").toString(),
        "--per-class", "3", "--shots", "2", "--seed", "4", "--similarity", "exp-cosine", "--json");
    assertThat(same.json().get("shot_ids")).isEqualTo(r.json().get("shot_ids"));
    CliRunner.Result other = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("shots-other").toString(),
        "--per-class", "3", "--shots", "2", "--seed", "5", "--similarity", "exp-cosine", "--json");
    assertThat(other.json().get("shot_ids")).isNotEqualTo(r.json().get("shot_ids"));
  }

  @Test
  void humanSummaryListsEachClassesPicks() {
    CliRunner.Result r = CliRunner.run("concepts", "select", "--data", proposed.toString(), "--out", tmp.resolve("text").toString(),
        "--per-class", "2", "--similarity", "exp-cosine");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("selected").contains("LaBo's submodular objective (paper profile").contains("2 per class")
        .contains("gain evaluations").containsPattern("class_0 +2 of +1[01]  F = ");
  }

  @Test
  void perClassBudgetOnClasslessCandidatesPointsToGlobal() {
    Path out = tmp.resolve("classless");
    CliRunner.Result r = CliRunner.run("concepts", "select", "--data", synth.toString(), "--out", out.toString(), "--per-class", "3",
        "--similarity", "exp-cosine");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("40 of the 40 candidate concepts").contains("name no proposing class").contains("--global N");
    assertThat(out).doesNotExist();
  }

  @Test
  void nonPositiveSimilaritiesNameTheCommandLineFix() throws Exception {
    Path data = tmp.resolve("signed");
    // The third concept points away from the images, so its dot product with every class mean is negative.
    ConceptsFilterCommandTest.writeDataset(data, List.of("a", "b"), List.of("up", "right", "down"),
        new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {-1, 0, 0, 0}});
    Path out = tmp.resolve("dot");
    CliRunner.Result r = CliRunner.run("concepts", "select", "--data", data.toString(), "--out", out.toString(), "--global", "2");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("class–concept similarities are ≤ 0").contains("Sim(\"down\"").contains("--similarity exp-cosine");
    assertThat(out).doesNotExist();
    CliRunner.Result fixed = CliRunner.run("concepts", "select", "--data", data.toString(), "--out", out.toString(), "--global", "2",
        "--similarity", "exp-cosine");
    assertThat(fixed.exit()).as(fixed.err()).isZero();
  }

  @Test
  void conflictingOrMisplacedOptionsAreUsageErrors() {
    Path out = tmp.resolve("usage");
    CliRunner.Result two = CliRunner.run("concepts", "select", "--data", synth.toString(), "--out", out.toString(), "--global", "5", "--per-class", "2");
    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err()).contains("give one budget");
    CliRunner.Result beta = CliRunner.run("concepts", "select", "--data", synth.toString(), "--out", out.toString(), "--global", "5",
        "--method", "random", "--beta", "3");
    assertThat(beta.exit()).isEqualTo(2);
    assertThat(beta.err()).contains("--beta applies to --method submodular");
    CliRunner.Result method = CliRunner.run("concepts", "select", "--data", synth.toString(), "--out", out.toString(), "--method", "best");
    assertThat(method.exit()).isEqualTo(2);
    assertThat(method.err()).contains("submodular, random, topk-mi, topk-sim");
    CliRunner.Result zero = CliRunner.run("concepts", "select", "--data", synth.toString(), "--out", out.toString(), "--global", "0");
    assertThat(zero.exit()).isEqualTo(2);
    assertThat(zero.err()).contains("Invalid value for option '--global': 0 (expected ≥ 1)");
    CliRunner.Result perClass = CliRunner.run("concepts", "select", "--data", synth.toString(), "--out", out.toString(), "--per-class", "-3");
    assertThat(perClass.exit()).isEqualTo(2);
    assertThat(perClass.err()).contains("Invalid value for option '--per-class': -3 (expected ≥ 1)");
    assertThat(out).doesNotExist();
  }
}
