package dev.glassbox.cli;

import dev.glassbox.io.ModelStore;
import dev.glassbox.model.ConceptBottleneckModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model DIR} option. */
final class ModelOption {
  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model directory (from 'glassbox train').")
  Path model;

  ConceptBottleneckModel load() throws Exception {
    return ModelStore.load(model);
  }

  static int conceptIndex(ConceptBottleneckModel m, String name) {
    int j = m.concepts().indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("the model has no concept \"" + name + "\"; list them with 'glassbox inspect --model DIR --concepts'");
    }
    return j;
  }

  static int classIndex(ConceptBottleneckModel m, String name) {
    int c = m.classNames().indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("the model has no class \"" + name + "\"; its classes: "
          + String.join(", ", m.classNames().subList(0, Math.min(20, m.numClasses()))) + (m.numClasses() > 20 ? ", …" : ""));
    }
    return c;
  }
}
