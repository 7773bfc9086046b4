package dev.glassbox.cli;

import dev.glassbox.edit.EditedMetrics;
import dev.glassbox.edit.ModelEdit;
import dev.glassbox.edit.ModelEditor;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.ModelStore;
import dev.glassbox.model.ConceptBottleneckModel;
import java.nio.file.Path;
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
    name = "edit",
    mixinStandardHelpOptions = true,
    description = {
        "Edit a model globally and save the result as a new model whose provenance records the edit.",
        "With --data, report validation accuracy before and after.",
        "",
        "Examples:",
        "  glassbox edit --model model --out model-zero --zero concept_017                 (every class)",
        "  glassbox edit --model model --out model-zero-03 --zero concept_017 --class class_03",
        "  glassbox edit --model model --out model-renorm --zero-renormalize concept_017 --class class_03   (Post-hoc CBM: keep the class's L1 norm)",
        "  glassbox edit --model model --out model-v2 --remove concept_017 --data synth-data",
        "  glassbox edit --model model --out model-half --reweight concept_017=0.5"})
final class EditCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOption model = new ModelOption();

  @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where to write the edited model.")
  Path out;

  @Option(names = "--zero", paramLabel = "CONCEPT", description = "Zero the concept's weights; repeatable.")
  List<String> zero = new ArrayList<>();

  @Option(names = "--zero-renormalize", paramLabel = "CONCEPT",
      description = "Zero the concept's weights and rescale each affected class's other weights to keep its L1 norm (Post-hoc CBM's prune + normalise); repeatable.")
  List<String> zeroRenormalize = new ArrayList<>();

  @Option(names = "--remove", paramLabel = "CONCEPT", description = "Remove the concept from the model; repeatable.")
  List<String> remove = new ArrayList<>();

  @Option(names = "--reweight", paramLabel = "CONCEPT=FACTOR", description = "Multiply the concept's weights by FACTOR; repeatable.")
  List<String> reweight = new ArrayList<>();

  @Option(names = "--class", paramLabel = "NAME", description = "Limit --zero, --zero-renormalize and --reweight to this class.")
  String className;

  @Option(names = "--data", paramLabel = "DIR", description = "Dataset to report validation accuracy before and after on.")
  Path data;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<ModelEdit> edits = new ArrayList<>();
    zero.forEach(c -> edits.add(new ModelEdit.ZeroWeight(c, className)));
    zeroRenormalize.forEach(c -> edits.add(new ModelEdit.ZeroRenormalized(c, className)));
    for (String r : reweight) {
      int eq = r.lastIndexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--reweight '" + r + "' is not of the form CONCEPT=FACTOR");
      }
      double f;
      try {
        f = Double.parseDouble(r.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--reweight '" + r + "': the factor is not a number");
      }
      edits.add(new ModelEdit.Reweight(r.substring(0, eq).strip(), className, f));
    }
    remove.forEach(c -> edits.add(new ModelEdit.RemoveConcept(c)));
    if (edits.isEmpty()) {
      throw new IllegalArgumentException("give at least one edit: --zero, --zero-renormalize, --remove or --reweight");
    }
    OutputPaths.checkNotOverInputs(spec, "--out", out, "--model", model.model, "--data", data);
    OutputPaths.checkWritableTarget(out, force);
    ConceptBottleneckModel before = model.load();
    ConceptBottleneckModel after = before;
    for (ModelEdit e : edits) {
      after = ModelEditor.apply(after, e);
    }
    EditedMetrics.Updated updated;
    if (data != null) {
      try (DatasetStore.Stored s = DatasetStore.read(data)) {
        updated = EditedMetrics.update(before, after, s.dataset());
      }
    } else {
      updated = EditedMetrics.update(before, after, null);
    }
    Double accBefore = updated.accuracyBefore();
    Double accAfter = updated.accuracyAfter();
    ModelStore.save(updated.model(), out, force);
    var w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("model", out.toString());
      List<Object> d = new ArrayList<>();
      edits.forEach(e -> d.add(e.describe()));
      j.put("edits", d);
      j.put("val_accuracy_before", accBefore);
      j.put("val_accuracy_after", accAfter);
      Output.json(w, j);
    } else {
      w.println("saved edited model to " + out + " (" + edits.size() + " edit" + (edits.size() == 1 ? "" : "s") + ")");
      if (accBefore != null) {
        w.println("  validation accuracy: " + Output.pct(accBefore) + " → " + Output.pct(accAfter == null ? Double.NaN : accAfter));
      }
    }
    return 0;
  }
}
