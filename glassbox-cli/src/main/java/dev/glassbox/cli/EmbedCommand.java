package dev.glassbox.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = {
        "Embed images (or labelled texts) into a dataset directory (the embedding cache), or embed a concept",
        "set and attach it to one. Run 'glassbox embed images|texts|concepts --help'.",
        "",
        "Example (photos/: your images, one folder per class; clip-model/: a CLIP-family ONNX export):",
        "  glassbox embed images photos/ --encoder clip-model/ --out photos-cache",
        "  glassbox embed concepts concepts.txt --encoder clip-model/ --data photos-cache",
        "  glassbox train --data photos-cache --out model"},
    subcommands = {EmbedImagesCommand.class, EmbedTextsCommand.class, EmbedConceptsCommand.class})
final class EmbedCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("glassbox embed: usage error: name what to embed: 'images', 'texts' or 'concepts'");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
