package dev.glassbox.cli;

import dev.glassbox.intervene.Intervention;
import dev.glassbox.intervene.InterventionResult;
import dev.glassbox.intervene.Interventions;
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
    name = "intervene",
    mixinStandardHelpOptions = true,
    description = {
        "Correct concept activations for one input and see the prediction before and after.",
        "Values are on the head's scale: with standardised activations 0 is the training average,",
        "positive values mean 'more present than usual'.",
        "",
        "Example:",
        "  glassbox intervene --model model --data synth-data --item item_0042 --zero concept_017 --set concept_120=3"})
final class InterveneCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOption model = new ModelOption();

  @Mixin
  EmbeddingInput input = new EmbeddingInput();

  @Option(names = "--set", paramLabel = "CONCEPT=VALUE", description = "Set a concept's activation; repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--zero", paramLabel = "CONCEPT", description = "Zero a concept's activation; repeatable.")
  List<String> zeros = new ArrayList<>();

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (sets.isEmpty() && zeros.isEmpty()) {
      throw new IllegalArgumentException("give at least one --set CONCEPT=VALUE or --zero CONCEPT");
    }
    ConceptBottleneckModel m = model.load();
    List<Intervention> ivs = new ArrayList<>();
    for (String z : zeros) {
      ivs.add(new Intervention.ZeroConcept(ModelOption.conceptIndex(m, z)));
    }
    for (String s : sets) {
      int eq = s.lastIndexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--set '" + s + "' is not of the form CONCEPT=VALUE");
      }
      float v;
      try {
        v = Float.parseFloat(s.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--set '" + s + "': the value '" + s.substring(eq + 1) + "' is not a number");
      }
      ivs.add(new Intervention.SetConcept(ModelOption.conceptIndex(m, s.substring(0, eq).strip()), v));
    }
    // One intervention per concept: with two, the later would win and the report of the earlier be false.
    Map<Integer, String> given = new LinkedHashMap<>();
    for (int i = 0; i < ivs.size(); i++) {
      String arg = i < zeros.size() ? "--zero " + zeros.get(i) : "--set " + sets.get(i - zeros.size());
      String before = given.put(ivs.get(i).concept(), arg);
      if (before != null) {
        throw Choices.usage(spec, before + " and " + arg + " both change concept \"" + m.concepts().get(ivs.get(i).concept()).text()
            + "\"; give one intervention per concept");
      }
    }
    EmbeddingInput.Input in = input.read();
    InterventionResult r = Interventions.apply(m, in.embedding(), ivs);
    var w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("input", in.label());
      j.put("before", pred(m, r.before()));
      j.put("after", pred(m, r.after()));
      j.put("changed", r.changedPrediction());
      List<Map<String, Object>> l = new ArrayList<>();
      for (Intervention iv : ivs) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("concept", m.concepts().get(iv.concept()).text());
        x.put("before", (double) r.before().activations()[iv.concept()]);
        x.put("after", (double) r.after().activations()[iv.concept()]);
        l.add(x);
      }
      j.put("interventions", l);
      Output.json(w, j);
    } else {
      w.println("before: " + m.classNames().get(r.before().predicted()) + " (" + Output.pct(r.before().probabilities()[r.before().predicted()]) + ")");
      w.println("after:  " + m.classNames().get(r.after().predicted()) + " (" + Output.pct(r.after().probabilities()[r.after().predicted()]) + ")"
          + (r.changedPrediction() ? "  — prediction changed" : ""));
    }
    return 0;
  }

  private static Map<String, Object> pred(ConceptBottleneckModel m, Prediction p) {
    Map<String, Object> x = new LinkedHashMap<>();
    x.put("class", m.classNames().get(p.predicted()));
    x.put("probability", (double) p.probabilities()[p.predicted()]);
    return x;
  }
}
