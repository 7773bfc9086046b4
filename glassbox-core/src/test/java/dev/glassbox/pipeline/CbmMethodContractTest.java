package dev.glassbox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Split;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.synth.SynthConfig;
import dev.glassbox.synth.SynthData;
import dev.glassbox.synth.SynthGenerator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every registered {@link CbmMethod} must do, run over {@link CbmMethods#all()} so methods
 * added later are checked too: declare kebab-case options with parsable defaults, refuse an unknown
 * option, and on data that carries everything a method can read (concepts, class embeddings, ground
 * truth) train a consistent model with its fit reports and metrics, bit-identically for the same
 * seed.
 */
class CbmMethodContractTest {
  static final SynthData DATA = SynthGenerator.generate(SynthConfig.of(3, 12, 120, 8, 21));

  static Stream<String> methods() {
    return CbmMethods.all().stream().map(CbmMethod::name);
  }

  /**
   * Settings that fit the contract's tiny dataset (a few examples per concept, few items): the
   * methods' defaults are sized for real data, and the contract checks behaviour, not quality.
   */
  static final Map<String, Map<String, String>> SMALL_DATA = Map.of(
      "pcbm", Map.of("min-examples", "1"),
      "pcbm-h", Map.of("min-examples", "1", "residual-epochs", "3"),
      "dncbm", Map.of("epochs", "5", "batch-size", "64", "expansion", "2", "probe-epochs", "5"));

  static TrainResult train(String method, long seed) {
    return CbmMethods.train(method, new TrainingInput(DATA.dataset(), DATA.concepts(), seed, DATA.classEmbeddings()),
        SMALL_DATA.getOrDefault(method, Map.of()), ProgressListener.NONE);
  }

  @ParameterizedTest
  @MethodSource("methods")
  void declaresKebabCaseOptionsWithDefaultsAndRefusesUnknownOnes(String name) {
    CbmMethod m = CbmMethods.byName(name);
    assertThat(m.description()).isNotBlank();
    Set<String> seen = new HashSet<>();
    for (OptionSpec o : m.options()) {
      assertThat(o.name()).matches("[a-z0-9]+(-[a-z0-9]+)*");
      assertThat(seen.add(o.name())).as("option %s declared once", o.name()).isTrue();
      assertThat(o.description()).isNotBlank();
    }
    assertThat(new MethodOptions(name, m.options(), Map.of()).effective()).hasSize(m.options().size());
    assertThatThrownBy(() -> new MethodOptions(name, m.options(), Map.of("no-such-option", "1")))
        .hasMessageStartingWith("method '" + name + "' has no option 'no-such-option'");
  }

  @ParameterizedTest
  @MethodSource("methods")
  void trainsAConsistentModelWithReportsAndMetrics(String name) {
    TrainResult r = train(name, 3);
    var model = r.model();
    assertThat(model.classNames()).isEqualTo(DATA.dataset().classNames());
    assertThat(model.inputDim()).isEqualTo(DATA.dataset().dim());
    assertThat(model.provenance().method()).isEqualTo(name);
    assertThat(model.provenance().seed()).isEqualTo(3);
    assertThat(model.provenance().datasetFingerprint()).isEqualTo(DATA.dataset().fingerprint());
    assertThat(r.fit()).isNotNull();
    assertThat(r.fit().path()).isNotEmpty();
    assertThat(r.fit().selected()).isBetween(0, r.fit().path().size() - 1);
    assertThat(r.metrics()).containsKeys("val_accuracy", "test_accuracy", "nonzeros_total", "converged");
    assertThat(r.metrics().get("test_accuracy")).isEqualTo(Evaluator.evaluate(model, DATA.dataset(), Split.TEST).top1());
    FloatMatrix logits = model.logits(DATA.dataset().embeddings());
    for (float v : logits.data()) {
      assertThat(v).isFinite();
    }
  }

  @ParameterizedTest
  @MethodSource("methods")
  void theSameSeedGivesBitIdenticalModels(String name) {
    TrainResult a = train(name, 5);
    TrainResult b = train(name, 5);
    assertThat(b.model().head().weight().data()).containsExactly(a.model().head().weight().data());
    assertThat(b.model().head().bias()).containsExactly(a.model().head().bias());
    FloatMatrix x = DATA.dataset().embeddings().toMatrix();
    assertThat(b.model().logits(x).data()).containsExactly(a.model().logits(x).data());
  }
}
