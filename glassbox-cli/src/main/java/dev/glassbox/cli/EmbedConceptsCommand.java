package dev.glassbox.cli;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.encode.ConceptEmbeddings;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import dev.glassbox.io.ConceptSetFiles;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.math.FloatMatrix;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "concepts",
    mixinStandardHelpOptions = true,
    description = {
        "Embed a concept set (Glassbox concept JSON, or text with one concept per line) with a text encoder",
        "and attach it to a dataset directory (concepts.json + concept_embeddings.npy, written atomically).",
        "The text encoder must share the embedding space of the encoder that made the dataset: a dimension",
        "mismatch is refused, and so is an encoder of another name unless --allow-other-encoder is given",
        "(for towers trained into one space under different names).",
        "",
        "--encoder takes " + TextEncoders.HELP + ".",
        "",
        "Example:",
        "  glassbox embed concepts concepts.txt --encoder clip-model/ --data photos-cache",
        "  glassbox embed concepts concepts.txt --encoder openai:text-embedding-3-small@https://api.openai.com --data text-cache"})
final class EmbedConceptsCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONCEPTS_FILE", description = "Concept set: .json (Glassbox concepts) or .txt (one per line).")
  Path conceptsFile;

  @Option(names = "--encoder", required = true, paramLabel = "ENCODER", description = "Text encoder: " + TextEncoders.HELP + ".")
  String encoder;

  @Option(names = "--data", required = true, paramLabel = "CACHE", description = "Dataset directory to attach the concepts to.")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", description = "Write a copy of the dataset with the concepts here instead of changing CACHE.")
  Path out;

  @Option(names = "--batch-size", defaultValue = "64", description = "Texts per batch or request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--api-key-env", paramLabel = "NAME", description = "Environment variable holding the API key for openai: encoders (default: OPENAI_API_KEY).")
  String apiKeyEnv;

  @Option(names = "--allow-other-encoder", description = "Accept a text encoder whose name differs from the dataset's encoder (dimensions must still match).")
  boolean allowOtherEncoder;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Option(names = "--json", description = "Print a JSON summary.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Choices.atLeast(spec, "--batch-size", batchSize, 1);
    if (Files.isDirectory(conceptsFile)) {
      throw Choices.usage(spec, "CONCEPTS_FILE " + conceptsFile + " is a folder; give the concept file (.json or .txt) in it");
    }
    if (!Files.isDirectory(data)) {
      throw new NoSuchFileException(data.toString(), null, "no such dataset directory");
    }
    if (out != null) {
      OutputPaths.checkNotOverInputs(spec, "--out", out, "--data", data, "CONCEPTS_FILE", conceptsFile);
      OutputPaths.checkWritableTarget(out, force);
    }
    ConceptSet concepts = ConceptSetFiles.read(conceptsFile);
    EncoderIdentity datasetEncoder = DatasetStore.encoder(data);
    int datasetDim;
    try (DatasetStore.Stored s = DatasetStore.read(data)) {
      datasetDim = s.dataset().dim();
    }
    EncoderIdentity textIdentity;
    FloatMatrix emb;
    try (TextEncoder text = TextEncoders.open(encoder, OnnxConfig.defaults().withBatchSize(batchSize), apiKeyEnv)) {
      textIdentity = text.identity();
      checkCompatible(datasetEncoder, datasetDim, textIdentity);
      List<String> texts = new ArrayList<>(concepts.size());
      for (Concept c : concepts.concepts()) {
        texts.add(c.text());
      }
      emb = text.encode(texts);
    }
    ConceptEmbeddings ce = new ConceptEmbeddings(concepts, emb, textIdentity);
    Path target = data;
    if (out != null) {
      try (DatasetStore.Stored s = DatasetStore.read(data)) {
        DatasetStore.write(out, s.dataset(), null, datasetEncoder, force);
      }
      target = out;
    }
    DatasetStore.attachConcepts(target, ce, textIdentity);
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("data", target.toString());
      m.put("concepts", concepts.size());
      m.put("dim", emb.cols());
      m.put("encoder", textIdentity.name());
      m.put("dataset_encoder", datasetEncoder == null ? null : datasetEncoder.name());
      Output.json(w, m);
    } else {
      w.println("attached " + concepts.size() + " concepts (" + emb.cols() + "-d, encoder '" + textIdentity.name() + "') to " + target);
    }
    return 0;
  }

  private void checkCompatible(EncoderIdentity datasetEncoder, int datasetDim, EncoderIdentity text) {
    String dsName = datasetEncoder == null ? "unknown" : datasetEncoder.name();
    if (text.dim() != datasetDim) {
      throw new IllegalArgumentException("the text encoder '" + text.name() + "' gives " + text.dim() + "-d embeddings but the dataset "
          + data + " holds " + datasetDim + "-d embeddings from the encoder '" + dsName
          + "'; encode the concepts with the text tower of the encoder that made the dataset");
    }
    if (datasetEncoder != null && !datasetEncoder.name().equals(text.name()) && !allowOtherEncoder) {
      throw new IllegalArgumentException("the text encoder '" + text.name() + "' is not the encoder '" + dsName + "' that made the dataset "
          + data + " (both " + datasetDim + "-d, but equal dimensions do not make a shared embedding space); use the text tower of '"
          + dsName + "', or pass --allow-other-encoder if the two were trained into one space");
    }
    if (datasetEncoder == null) {
      spec.commandLine().getErr().println("warning: " + data + " does not record its encoder; only the dimension (" + datasetDim
          + ") could be checked");
    }
  }
}
