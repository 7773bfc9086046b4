package dev.glassbox.pipeline;

import dev.glassbox.progress.ProgressListener;
import java.util.List;

/**
 * A way to train a concept bottleneck model end to end from embeddings (the "sparse" Label-free
 * CBM head, LaBo, Post-hoc CBM, …). Methods are found with {@link java.util.ServiceLoader}, so
 * modules can add their own; each is configured by {@link MethodOptions} and is stateless.
 */
public interface CbmMethod {
  /** The name used on the command line ({@code glassbox train --method NAME}). */
  String name();

  /** One line saying what the method does and which paper it follows. */
  String description();

  /** The options the method accepts, with their defaults. */
  List<OptionSpec> options();

  TrainResult train(TrainingInput input, MethodOptions options, ProgressListener progress);
}
