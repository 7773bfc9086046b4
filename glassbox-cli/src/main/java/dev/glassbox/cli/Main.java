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
    useSentenceCommandLists(cl);
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

  /**
   * Lists subcommands by the first sentence of their description, wrapped, in every command's help:
   * picocli's own list shows a description's first line only, and descriptions are written as
   * several lines, so the list cut them mid-sentence ("filter them, then").
   */
  static void useSentenceCommandLists(CommandLine cl) {
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
    for (CommandLine sub : cl.getSubcommands().values()) {
      useSentenceCommandLists(sub);
    }
  }

  private static String commandList(CommandLine.Help help) {
    java.util.Map<String, CommandLine.Help> subs = help.subcommands();
    if (subs.isEmpty()) {
      return "";
    }
    int nameWidth = 0;
    for (String name : subs.keySet()) {
      nameWidth = Math.max(nameWidth, name.length());
    }
    int width = help.commandSpec().usageMessage().width();
    int first = 2 + nameWidth + 2;
    CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
        new CommandLine.Help.Column(first, 2, CommandLine.Help.Column.Overflow.SPAN),
        new CommandLine.Help.Column(width - first, 1, CommandLine.Help.Column.Overflow.WRAP));
    table.setAdjustLineBreaksForWideCJKCharacters(false);
    for (java.util.Map.Entry<String, CommandLine.Help> e : subs.entrySet()) {
      CommandLine.Model.UsageMessageSpec usage = e.getValue().commandSpec().usageMessage();
      // A command's header, when it has one (picocli's own help command does), else its description.
      String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
      String description = String.join(" ", summary).replace("%n", " ");
      java.util.List<String> lines = wrap(firstSentence(description), width - first - 1, 2);
      for (int i = 0; i < lines.size(); i++) {
        table.addRowValues(i == 0 ? e.getKey() : "", lines.get(i));
      }
    }
    return table.toString();
  }

  /**
   * {@code text} in lines of at most {@code width} characters, broken between words; at most
   * {@code max} lines, the last ending in "…" if the text was cut.
   */
  static java.util.List<String> wrap(String text, int width, int max) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    String[] words = text.split(" ");
    for (int w = 0; w < words.length; w++) {
      if (line.length() > 0 && line.length() + 1 + words[w].length() > width) {
        if (lines.size() == max - 1) {
          // The last line allowed: cut here, with room for the ellipsis.
          while (line.length() + 2 > width && line.lastIndexOf(" ") > 0) {
            line.setLength(line.lastIndexOf(" "));
          }
          lines.add(line.append(" …").toString());
          return lines;
        }
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(words[w]);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** Up to and including the first full stop followed by a space or the end ("e.g." does not end one). */
  static String firstSentence(String text) {
    String t = text.strip().replaceAll("\\s+", " ");
    for (int i = t.indexOf('.'); i >= 0; i = t.indexOf('.', i + 1)) {
      boolean end = i + 1 == t.length() || t.charAt(i + 1) == ' ';
      boolean abbreviation = i >= 3 && (t.startsWith("e.g", i - 3) || t.startsWith("i.e", i - 3));
      if (end && !abbreviation) {
        return t.substring(0, i + 1);
      }
    }
    return t;
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
