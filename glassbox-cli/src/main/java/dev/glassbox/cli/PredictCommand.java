package dev.glassbox.cli;

import dev.glassbox.math.Matrices;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
        "Predict the class of one input embedding.",
        "",
        "Example:",
        "  glassbox predict --model model --data synth-data --item item_0042"})
final class PredictCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOption model = new ModelOption();

  @Mixin
  EmbeddingInput input = new EmbeddingInput();

  @Option(names = "--top", defaultValue = "5", description = "How many classes to list, ≥ 1 (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Choices.atLeast(spec, "--top", top, 1);
    List<String> given = new ArrayList<>();
    if (input.data != null || input.item != null) {
      given.add(input.data != null && input.item != null ? "--data/--item" : input.data != null ? "--data" : "--item");
    }
    if (input.embeddingFile != null) {
      given.add("--embedding-file");
    }
    if (input.embedding != null) {
      given.add("--embedding");
    }
    if (given.size() != 1) {
      throw Choices.usage(spec, (given.isEmpty() ? "no input given" : "inputs " + String.join(" and ", given) + " given together")
          + "; give exactly one: --data DIR --item ID, --embedding-file FILE [--row N], or --embedding V1,V2,…");
    }
    if (input.data != null && input.item == null) {
      throw Choices.usage(spec, "--data " + input.data + " needs --item ID: the dataset's item to predict");
    }
    if (input.item != null && input.data == null) {
      throw Choices.usage(spec, "--item " + input.item + " needs --data DIR: the dataset that holds the item");
    }
    ConceptBottleneckModel m = model.load();
    EmbeddingInput.Input in = input.read();
    Prediction p = m.predict(in.embedding());
    int[] best = Matrices.topK(p.probabilities(), 0, m.numClasses(), top);
    var w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("input", in.label());
      if (in.trueClass() != null) {
        j.put("true_class", in.trueClass());
      }
      j.put("predicted", m.classNames().get(p.predicted()));
      List<Map<String, Object>> cl = new ArrayList<>();
      for (int c : best) {
        cl.add(Map.of("class", m.classNames().get(c), "probability", (double) p.probabilities()[c]));
      }
      j.put("top_classes", cl);
      Output.json(w, j);
    } else {
      w.println(in.label() + ": " + m.classNames().get(p.predicted()) + (in.trueClass() == null ? "" : " (true: " + in.trueClass() + ")"));
      for (int c : best) {
        w.println("  " + Output.pct(p.probabilities()[c]) + "  " + m.classNames().get(c));
      }
    }
    return 0;
  }
}
