package dev.glassbox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodOptionsTest {
  static final List<OptionSpec> SPECS = List.of(new OptionSpec("alpha", "0.99", ""), new OptionSpec("scoring", "cosine", ""));

  @Test
  void unknownOptionNamesTheMethodAndItsOptions() {
    assertThatThrownBy(() -> new MethodOptions("sparse", SPECS, Map.of("beta", "1")))
        .hasMessage("method 'sparse' has no option 'beta'; its options are: alpha, scoring");
  }

  @Test
  void badValueNamesTheOptionAndWhatItTakes() {
    MethodOptions o = new MethodOptions("sparse", SPECS, Map.of("alpha", "lots"));
    assertThatThrownBy(() -> o.real("alpha")).hasMessage("option 'alpha' of method 'sparse' must be a number, got 'lots'");
    MethodOptions o2 = new MethodOptions("sparse", SPECS, Map.of("scoring", "manhattan"));
    assertThatThrownBy(() -> o2.choice("scoring", dev.glassbox.bottleneck.Scoring.class))
        .hasMessageContaining("must be one of dot, cosine, cos-cubed");
  }

  @Test
  void kebabCaseChoicesParse() {
    MethodOptions o = new MethodOptions("sparse", SPECS, Map.of("scoring", "cos-cubed"));
    assertThat(o.choice("scoring", dev.glassbox.bottleneck.Scoring.class)).isEqualTo(dev.glassbox.bottleneck.Scoring.COS_CUBED);
  }

  @Test
  void unknownMethodListsTheAvailableOnes() {
    assertThatThrownBy(() -> CbmMethods.byName("magic")).hasMessageContaining("unknown method 'magic'; available: ").hasMessageContaining("sparse");
  }
}
