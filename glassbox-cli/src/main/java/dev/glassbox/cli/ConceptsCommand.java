package dev.glassbox.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox concepts}: the concept-set stages of the data flow, before a model is trained.
 * Candidates are generated for class names, embedded and attached to a dataset
 * ({@code glassbox embed concepts}), filtered (Label-free CBM), then selected (LaBo).
 */
@Command(
    name = "concepts",
    mixinStandardHelpOptions = true,
    description = {
        "Build a concept set: generate candidates for the classes, filter them, then",
        "select a budget of them. Run 'glassbox concepts COMMAND --help' for a",
        "command's options and a worked example.",
        "",
        "Data flow: concepts generate → embed concepts → concepts filter →",
        "concepts select → train.",
        "",
        "Example (offline):",
        "  glassbox concepts generate --source wordnet --classes \"zebra,goldfinch\" \\",
        "      --out concepts.json",
        "  glassbox concepts show concepts.json"},
    subcommands = {ConceptsGenerateCommand.class, ConceptsFilterCommand.class, ConceptsSelectCommand.class, ConceptsShowCommand.class})
final class ConceptsCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("glassbox concepts: usage error: name a step: 'generate', 'filter', 'select' or 'show'");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
