package dev.glassbox.head;

import java.util.List;

/**
 * A trained head with the reports of every point tried and which one was selected.
 *
 * @param head the selected head
 * @param path one report per point tried, in order
 * @param selected index into {@code path} of the selected point
 * @param selection how the point was chosen, in words (for reports)
 */
public record HeadFit(LinearHead head, List<FitReport> path, int selected, String selection) {
  public HeadFit {
    path = List.copyOf(path);
  }

  public FitReport selectedReport() {
    return path.get(selected);
  }

  /** Whether the selected point converged. */
  public boolean converged() {
    return path.get(selected).converged();
  }
}
