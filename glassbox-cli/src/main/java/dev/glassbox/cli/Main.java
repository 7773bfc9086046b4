package dev.glassbox.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code glassbox} command. Results go to stdout ({@code --json} for machines), logs and
 * progress to stderr. Exit codes: 0 success, 1 failure (bad input files, failed training, …), 2
 * usage (unknown option, missing argument).
 */
@Command(
    name = "glassbox",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Concept bottleneck models: classify through human-readable concepts with a sparse, editable head.",
        "",
        "Data flow: concepts generate → embed (images, texts, concepts) / synth / import → concepts filter →",
        "concepts select → train → predict · explain · intervene · edit · evaluate · inspect · serve;",
        "compare runs several methods under the few-shot protocol.",
        "Run 'glassbox COMMAND --help' for a command's options and a worked example."},
    subcommands = {
        SynthCommand.class,
        ConceptsCommand.class,
        EmbedCommand.class,
        ImportCommand.class,
        TrainCommand.class,
        PredictCommand.class,
        ExplainCommand.class,
        InterveneCommand.class,
        EditCommand.class,
        EvaluateCommand.class,
        InspectCommand.class,
        ServeCommand.class,
        MethodsCommand.class,
        CompareCommand.class,
        DemoCommand.class,
        WorldCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /**
   * netlib announces at INFO which BLAS it found, on every start; the version command reports it
   * instead. Held in a field so the configured logger is not collected.
   */
  private static final java.util.logging.Logger NETLIB_LOG = quiet("dev.ludovic.netlib");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
    l.setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    // Descriptions are written as lines of up to ~100 characters; wrap only beyond that.
    cl.setUsageHelpWidth(110);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      Throwable t = ex;
      String msg = Errors.describe(t);
      commandLine.getErr().println(qualifiedName(commandLine) + ": error: " + msg);
      if (Boolean.getBoolean("glassbox.debug")) {
        t.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return 1;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println(qualifiedName(c) + ": usage error: " + ex.getMessage());
      c.getErr().println("Run '" + qualifiedName(c) + " --help' for usage.");
      c.getErr().flush();
      return 2;
    });
    return cl;
  }

  /** The command's full name as typed, e.g. {@code glassbox concepts select}. */
  static String qualifiedName(CommandLine c) {
    StringBuilder sb = new StringBuilder();
    for (CommandLine p = c; p != null; p = p.getParent()) {
      sb.insert(0, p.getParent() == null ? "glassbox" : " " + p.getCommandName());
    }
    return sb.toString();
  }
}
