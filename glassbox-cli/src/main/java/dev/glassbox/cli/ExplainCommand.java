package dev.glassbox.cli;

import dev.glassbox.explain.ClassWeight;
import dev.glassbox.explain.Contribution;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.Explanation;
import dev.glassbox.model.ConceptBottleneckModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
        "Explain a prediction as concept contributions (activation × weight), or list a class's concept weights.",
        "A negative activation is shown as 'NOT concept', as Label-free CBM renders it.",
        "",
        "Examples:",
        "  glassbox explain --model model --data synth-data --item item_0042",
        "  glassbox explain --model model --class class_03     (the class's non-zero weights)"})
final class ExplainCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOption model = new ModelOption();

  @Mixin
  EmbeddingInput input = new EmbeddingInput();

  @Option(names = "--class", paramLabel = "NAME", description = "Explain this class's logit (default: the predicted class); alone, list its weights.")
  String className;

  @Option(names = "--top", defaultValue = "10", description = "Contributions to show (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ConceptBottleneckModel m = model.load();
    var w = spec.commandLine().getOut();
    boolean hasInput = input.data != null || input.item != null || input.embeddingFile != null || input.embedding != null;
    if (!hasInput) {
      if (className == null) {
        throw new IllegalArgumentException("give an input (--data/--item, --embedding-file or --embedding) or a --class to list its weights");
      }
      int c = ModelOption.classIndex(m, className);
      List<ClassWeight> ws = Explainer.classWeights(m, c);
      if (json) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (ClassWeight cw : ws) {
          l.add(Map.of("concept", cw.text(), "weight", (double) cw.weight()));
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("class", className);
        j.put("weights", l);
        Output.json(w, j);
      } else {
        w.println(className + ": " + ws.size() + " non-zero concept weights");
        double max = ws.stream().mapToDouble(x -> Math.abs(x.weight())).max().orElse(1);
        for (ClassWeight cw : ws.subList(0, Math.min(ws.size(), Math.max(top, 1)))) {
          w.println(String.format(Locale.ROOT, "  %+8.4f %-21s %s", cw.weight(), Output.bar(cw.weight(), max, 20), cw.text()));
        }
      }
      return 0;
    }
    EmbeddingInput.Input in = input.read();
    int c = className == null ? -1 : ModelOption.classIndex(m, className);
    Explanation e = Explainer.explain(m, in.embedding(), top, c);
    if (json) {
      Output.json(w, toJson(e, in));
    } else {
      w.println(in.label() + ": predicted " + e.predictedClass() + " (" + Output.pct(e.probabilities()[e.predicted()]) + ")"
          + (in.trueClass() == null ? "" : ", true " + in.trueClass()));
      w.println("why " + e.explainedClassName() + " (logit " + Output.num(e.logit()) + " = contributions + bias " + Output.num(e.bias())
          + (e.residual() != 0 ? " + residual " + Output.num(e.residual()) : "") + "):");
      double max = e.contributions().stream().mapToDouble(x -> Math.abs(x.contribution())).max().orElse(1);
      for (Contribution ct : e.contributions()) {
        w.println(String.format(Locale.ROOT, "  %+8.4f %-21s %s  (activation %.3f × weight %.3f)", ct.contribution(),
            Output.bar(ct.contribution(), max, 20), ct.label(), ct.activation(), ct.weight()));
      }
      if (e.omitted() > 0) {
        w.println(String.format(Locale.ROOT, "  %+8.4f from %d more concepts", e.omittedSum(), e.omitted()));
      }
    }
    return 0;
  }

  static Map<String, Object> toJson(Explanation e, EmbeddingInput.Input in) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("input", in.label());
    if (in.trueClass() != null) {
      j.put("true_class", in.trueClass());
    }
    j.put("predicted", e.predictedClass());
    j.put("probability", (double) e.probabilities()[e.predicted()]);
    j.put("explained_class", e.explainedClassName());
    j.put("logit", (double) e.logit());
    j.put("bias", (double) e.bias());
    j.put("residual", (double) e.residual());
    List<Map<String, Object>> l = new ArrayList<>();
    for (Contribution ct : e.contributions()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("concept", ct.text());
      c.put("label", ct.label());
      c.put("activation", (double) ct.activation());
      c.put("weight", (double) ct.weight());
      c.put("contribution", (double) ct.contribution());
      l.add(c);
    }
    j.put("contributions", l);
    j.put("omitted", e.omitted());
    j.put("omitted_sum", (double) e.omittedSum());
    return j;
  }
}
