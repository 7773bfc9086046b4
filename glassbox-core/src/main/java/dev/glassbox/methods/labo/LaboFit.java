package dev.glassbox.methods.labo;

import dev.glassbox.head.FitReport;
import dev.glassbox.math.FloatMatrix;
import java.util.List;

/**
 * A trained LaBo association head.
 *
 * @param association the raw association matrix {@code W [C × K]} of the selected checkpoint
 * @param weights {@code softmax_rows(W)}: each class's distribution over concepts
 * @param checkpoints one report per validation check, in order ({@code iterations} = epochs so far;
 *     {@code converged} = at least {@code patience} later checks failed to beat it)
 * @param selected index into {@code checkpoints} of the best validation accuracy (the first on ties)
 * @param epochsRun epochs actually run (fewer than configured after an early stop)
 * @param stoppedEarly whether early stopping ended training
 * @param batchSize items per Adam step
 * @param priorValAccuracy validation accuracy of the initial matrix (the language prior alone, no
 *     training), NaN without validation items
 */
public record LaboFit(
    FloatMatrix association, FloatMatrix weights, List<FitReport> checkpoints, int selected, int epochsRun,
    boolean stoppedEarly, int batchSize, double priorValAccuracy) {
  public LaboFit {
    checkpoints = List.copyOf(checkpoints);
  }

  public FitReport selectedReport() {
    return checkpoints.get(selected);
  }
}
