package dev.glassbox.cli;

import dev.glassbox.pipeline.CbmMethod;
import dev.glassbox.pipeline.CbmMethods;
import dev.glassbox.pipeline.OptionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "methods",
    mixinStandardHelpOptions = true,
    description = {"List the training methods and the options each takes ('glassbox train --method M --set NAME=VALUE')."})
final class MethodsCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    var w = spec.commandLine().getOut();
    List<Object> all = new ArrayList<>();
    for (CbmMethod m : CbmMethods.all()) {
      if (json) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("name", m.name());
        j.put("description", m.description());
        List<Object> opts = new ArrayList<>();
        for (OptionSpec o : m.options()) {
          opts.add(Map.of("name", o.name(), "default", o.defaultValue(), "description", o.description()));
        }
        j.put("options", opts);
        all.add(j);
      } else {
        w.println(m.name() + ": " + m.description());
        for (OptionSpec o : m.options()) {
          w.println(String.format("    %-22s %-16s %s", o.name(), "(" + o.defaultValue() + ")", o.description()));
        }
      }
    }
    if (json) {
      Output.json(w, all);
    }
    return 0;
  }
}
