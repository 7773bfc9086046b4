package dev.glassbox.bench;

import dev.glassbox.concepts.select.Budget;
import dev.glassbox.concepts.select.ClassConceptScores;
import dev.glassbox.concepts.select.Greedy;
import dev.glassbox.concepts.select.SelectionInput;
import dev.glassbox.concepts.select.SubmodularConfig;
import dev.glassbox.concepts.select.SubmodularFunction;
import dev.glassbox.concepts.select.SubmodularSelector;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH version of {@link SelectionBenchmark}'s maximisation-only measurement: one invocation
 * maximises LaBo's objective for all 200 classes (50,000 candidates, budget 50 per class). The
 * setup checks that lazy and plain greedy pick identical sets before anything is timed.
 *
 * <p>Run: {@code java -cp ... org.openjdk.jmh.Main SelectionJmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class SelectionJmh {
  @Param({"LAZY", "PLAIN"})
  public Greedy optimizer;

  @Param({"PAPER", "CODE"})
  public SubmodularConfig.Profile profile;

  @Param({"50"})
  public int budget;

  private SubmodularFunction[] objectives;

  @Setup(Level.Trial)
  public void setUp() {
    SelectionInput input = SelectionWorkload.generate(200, 250, 512, 30, 2024L);
    SubmodularSelector sel = new SubmodularSelector(SubmodularConfig.defaults().withProfile(profile).withBudget(Budget.perClass(budget)));
    ClassConceptScores scores = sel.scores(input);
    SubmodularSelector.Objectives factory = sel.objectives(input, scores);
    objectives = new SubmodularFunction[input.numClasses()];
    for (int y = 0; y < objectives.length; y++) {
      objectives[y] = factory.build(input.groundSet(y));
      int[] lazy = Greedy.LAZY.maximize(objectives[y], budget, null, 0.01).picks();
      int[] plain = Greedy.PLAIN.maximize(objectives[y], budget, null, 0.01).picks();
      if (!Arrays.equals(lazy, plain)) {
        throw new IllegalStateException("lazy and plain greedy disagree on class " + y);
      }
    }
  }

  @Benchmark
  public double maximizeAllClasses() {
    double s = 0;
    for (SubmodularFunction f : objectives) {
      s += optimizer.maximize(f, budget, null, 0.01).value();
    }
    return s;
  }
}
