package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.pipeline.CbmMethods;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainCommandTest {
  @Test
  void aFitThatDidNotConvergeNamesTheOptionOfItsOwnMethodToRaise() {
    assertThat(TrainCommand.notConverged(CbmMethods.byName("pcbm-h"), Map.of("pcbm_converged", true, "residual_converged", false)))
        .contains("residual").contains("raise residual-epochs");
    assertThat(TrainCommand.notConverged(CbmMethods.byName("dncbm"), Map.of())).contains("plateau-tolerance").contains("raise epochs");
    assertThat(TrainCommand.notConverged(CbmMethods.byName("labo"), Map.of())).contains("'patience' checks").contains("raise epochs");
    assertThat(TrainCommand.notConverged(CbmMethods.byName("sparse"), Map.of())).contains("raise max-iterations");
    // Every iterative method's advice names an option it has (cms fits nothing iteratively).
    for (var m : CbmMethods.all()) {
      if (m.options().stream().noneMatch(o -> o.name().equals("max-iterations") || o.name().endsWith("epochs"))) {
        continue;
      }
      String advice = TrainCommand.notConverged(m, Map.of("residual_converged", false));
      String option = advice.substring(advice.lastIndexOf("raise ") + 6);
      assertThat(m.options()).as("%s: %s", m.name(), advice).anyMatch(o -> o.name().equals(option));
    }
  }
}
