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
    assertThatThrownBy(() -> new MethodOptions("sparse", SPECS, Map.of("alpha", "lots")))
        .hasMessage("option 'alpha' of method 'sparse' must be a number, got 'lots'");
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

  @Test
  void refusesNonFiniteNumbersWhenTheyAreGiven() {
    for (String v : new String[] {"NaN", "nan", "Infinity", "-Infinity", "1e400", "none"}) {
      assertThatThrownBy(() -> new MethodOptions("sparse", new SparseMethod().options(), Map.of("alpha", v)))
          .as(v).isInstanceOf(InvalidOptionException.class)
          .hasMessageStartingWith("option 'alpha' of method 'sparse' must be a")
          .satisfies(e -> assertThat(((InvalidOptionException) e).option()).isEqualTo("alpha"));
    }
    assertThatThrownBy(() -> new MethodOptions("sparse", new SparseMethod().options(), Map.of("alpha", "1e400")))
        .hasMessage("option 'alpha' of method 'sparse' must be a finite number, got '1e400'");
    assertThat(new MethodOptions("sparse", new SparseMethod().options(), Map.of("alpha", "0.5")).real("alpha")).isEqualTo(0.5);
  }

  @Test
  void aNumberWhoseModeHasAWordRefusesNaNButTakesTheWord() {
    List<OptionSpec> sparse = new SparseMethod().options();
    assertThat(new MethodOptions("sparse", sparse, Map.of()).real("lambda")).isNaN();
    assertThat(new MethodOptions("sparse", sparse, Map.of("lambda", "none")).real("lambda")).isNaN();
    assertThat(new MethodOptions("sparse", sparse, Map.of("lambda", "0.01")).real("lambda")).isEqualTo(0.01);
    for (String v : new String[] {"NaN", "Infinity", "1e400"}) {
      MethodOptions o = new MethodOptions("sparse", sparse, Map.of("lambda", v));
      assertThatThrownBy(() -> o.real("lambda")).as(v).isInstanceOf(InvalidOptionException.class)
          .hasMessage("option 'lambda' of method 'sparse' must be a finite number or none, got '" + v + "'");
    }
    List<OptionSpec> probe = CbmMethods.byName("probe").options();
    MethodOptions c = new MethodOptions("probe", probe, Map.of("c", "NaN"));
    assertThatThrownBy(() -> c.real("c")).hasMessage("option 'c' of method 'probe' must be a finite number or none, got 'NaN'");
    List<OptionSpec> pcbm = CbmMethods.byName("pcbm").options();
    assertThat(new MethodOptions("pcbm", pcbm, Map.of("lambda", "path")).string("lambda")).isEqualTo("path");
    assertThatThrownBy(() -> new MethodOptions("pcbm", pcbm, Map.of("lambda", "NaN")))
        .hasMessage("option 'lambda' of method 'pcbm' must be a finite number or path, got 'NaN'");
    assertThat(new MethodOptions("dncbm", CbmMethods.byName("dncbm").options(), Map.of("l1", "profile")).string("l1")).isEqualTo("profile");
  }

  @Test
  void optionsTheMethodWillNotReadAreStillChecked() {
    List<OptionSpec> labo = CbmMethods.byName("labo").options();
    // select=none (the default) leaves every select-* option unread.
    assertThatThrownBy(() -> new MethodOptions("labo", labo, Map.of("select-per-class", "abc")))
        .isInstanceOf(InvalidOptionException.class).hasMessage("option 'select-per-class' of method 'labo' must be a number, got 'abc'");
    assertThatThrownBy(() -> new MethodOptions("labo", labo, Map.of("select-alpha", "Infinity")))
        .hasMessage("option 'select-alpha' of method 'labo' must be a finite number, got 'Infinity'");
    assertThatThrownBy(() -> new MethodOptions("labo", labo, Map.of("image-norm", "maybe")))
        .hasMessage("option 'image-norm' of method 'labo' must be true or false, got 'maybe'");
  }

  @Test
  void listsOfNumbersMustBeFinite() {
    List<OptionSpec> pcbm = CbmMethods.byName("pcbm").options();
    assertThatThrownBy(() -> new MethodOptions("pcbm", pcbm, Map.of("c-grid", "0.1,Infinity")))
        .hasMessage("option 'c-grid' must be comma-separated finite numbers or readme, got '0.1,Infinity'");
    assertThat(new MethodOptions("pcbm", pcbm, Map.of("c-grid", "readme")).string("c-grid")).isEqualTo("readme");
    assertThatThrownBy(() -> new MethodOptions("probe", CbmMethods.byName("probe").options(), Map.of("grid", "1,NaN")))
        .hasMessage("option 'grid' must be comma-separated finite numbers, got '1,NaN'");
  }
}
