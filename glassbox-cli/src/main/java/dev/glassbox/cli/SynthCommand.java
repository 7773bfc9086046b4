package dev.glassbox.cli;

import dev.glassbox.io.DatasetStore;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
        "Generate a synthetic embedding dataset with a known concept structure.",
        "Concepts are directions; each class has 3–5 true concepts; items are noisy mixtures; image and",
        "concept embeddings sit apart by a modality gap, as CLIP's do. The dataset directory carries the",
        "ground truth, so 'evaluate' can report true_concept_recovery, and class-name embeddings (each",
        "class's true concepts' text embeddings, summed and normalised) for Concept Matrix Search.",
        "",
        "Example:",
        "  glassbox synth --out synth-data --classes 20 --concepts 200 --items 10000 --dim 128 --seed 7"})
final class SynthCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dataset directory to create.")
  Path out;

  @Option(names = "--classes", defaultValue = "20", description = "Number of classes (default: ${DEFAULT-VALUE}).")
  int classes;

  @Option(names = "--concepts", defaultValue = "200", description = "Number of concepts (default: ${DEFAULT-VALUE}).")
  int concepts;

  @Option(names = "--items", defaultValue = "10000", description = "Number of items (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--dim", defaultValue = "128", description = "Embedding dimension (default: ${DEFAULT-VALUE}).")
  int dim;

  @Option(names = "--seed", defaultValue = "0", description = "Root seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--noise", defaultValue = "0.9", description = "Norm of the per-item Gaussian noise (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--force", description = "Replace DIR if it exists.")
  boolean force;

  @Option(names = "--json", description = "Print a JSON summary.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Choices.inRange(spec, "--noise", noise, 0, Double.MAX_VALUE);
    if (concepts < SynthConfig.DEFAULT_MIN_TRUE_PER_CLASS) {
      throw Choices.usage(spec, "Invalid value for option '--concepts': " + concepts + " (expected ≥ " + SynthConfig.DEFAULT_MIN_TRUE_PER_CLASS
          + ": every class has " + SynthConfig.DEFAULT_MIN_TRUE_PER_CLASS + " to " + SynthConfig.DEFAULT_MAX_TRUE_PER_CLASS + " true concepts)");
    }
    SynthConfig cfg = SynthConfig.of(classes, concepts, items, dim, seed).withNoise(noise);
    SynthData sd = SynthGenerator.generate(cfg);
    DatasetStore.write(out, sd.dataset(), sd.concepts(), sd.classEmbeddings(), sd.concepts().encoder(), force);
    var w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("out", out.toString());
      m.put("items", items);
      m.put("classes", classes);
      m.put("concepts", concepts);
      m.put("dim", dim);
      m.put("seed", seed);
      Output.json(w, m);
    } else {
      w.println("wrote " + items + " items of " + classes + " classes, " + concepts + " concepts, " + dim + "-d, to " + out);
    }
    return 0;
  }
}
