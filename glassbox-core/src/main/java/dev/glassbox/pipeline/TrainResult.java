package dev.glassbox.pipeline;

import dev.glassbox.head.HeadFit;
import dev.glassbox.model.ConceptBottleneckModel;
import java.util.Map;

/**
 * A trained model with how its training went.
 *
 * @param model the model (its provenance carries the config and these metrics)
 * @param fit the head's fit reports and selection
 * @param metrics JSON-compatible metrics ({@code val_accuracy}, {@code test_accuracy},
 *     {@code nonzeros_per_class}, …)
 */
public record TrainResult(ConceptBottleneckModel model, HeadFit fit, Map<String, Object> metrics) {}
