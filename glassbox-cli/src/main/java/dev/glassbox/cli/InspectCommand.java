package dev.glassbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.io.ConceptSetFiles;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelStore;
import dev.glassbox.model.ConceptBottleneckModel;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
        "Print a model's manifest: classes, concepts, provenance (version, commit, config, seeds,",
        "dataset fingerprint, edits) and metrics. The model is fully verified (checksums, shapes) first.",
        "",
        "Example:",
        "  glassbox inspect --model model"})
final class InspectCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOption model = new ModelOption();

  @Option(names = "--concepts", description = "List the concepts only, one per line (with --json: a JSON array of the concepts with their provenance).")
  boolean concepts;

  @Option(names = "--json", description = "Print the manifest as JSON (the default output is JSON too).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ConceptBottleneckModel m = ModelStore.load(model.model);
    var w = spec.commandLine().getOut();
    if (concepts && json) {
      w.println(Json.string(ConceptSetFiles.conceptList(m.concepts())));
      return 0;
    }
    if (concepts) {
      m.concepts().texts().forEach(w::println);
      return 0;
    }
    JsonNode manifest = ModelStore.manifest(model.model);
    w.println(Json.string(manifest));
    return 0;
  }
}
