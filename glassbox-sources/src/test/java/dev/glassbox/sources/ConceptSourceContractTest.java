package dev.glassbox.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.concepts.ConceptSet;
import dev.glassbox.concepts.ConceptSource;
import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.sources.corpus.CorpusConceptSource;
import dev.glassbox.sources.corpus.CorpusConfig;
import dev.glassbox.sources.file.FileConceptSource;
import dev.glassbox.sources.llm.ChatClient;
import dev.glassbox.sources.llm.LlmConceptSource;
import dev.glassbox.sources.llm.LlmConfig;
import dev.glassbox.sources.llm.PromptTemplate;
import dev.glassbox.sources.vocabulary.Vocabulary;
import dev.glassbox.sources.vocabulary.VocabularyConceptSource;
import dev.glassbox.sources.vocabulary.VocabularyConfig;
import dev.glassbox.sources.wordnet.WordNet;
import dev.glassbox.sources.wordnet.WordNetConceptSource;
import dev.glassbox.sources.wordnet.WordNetConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every concept source must meet: the shared class-name validation, provenance on
 * every concept, unique texts, proposers among the requested classes, and the same output on a
 * second call. Each source runs here on the same three real class names.
 */
class ConceptSourceContractTest {
  private static final List<String> CLASSES = List.of("zebra", "penguin", "fire engine");

  private static WordNet wordnet;
  private static Path dir;
  private static com.sun.net.httpserver.HttpServer server;

  @BeforeAll
  static void setUp() throws IOException {
    wordnet = WordNet.open();
    dir = Files.createTempDirectory("glassbox-sources-contract");
    Files.writeString(dir.resolve("class2concepts.json"),
        "{\"zebra\": [\"stripes\", \"mane\"], \"penguin\": [\"flippers\"], \"fire engine\": [\"red paint\", \"ladder\"]}",
        StandardCharsets.UTF_8);
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(corpus.resolve("a.txt"), "The zebra has black and white stripes. A penguin has stiff flippers. "
        + "A fire engine is a large red truck with a long ladder.", StandardCharsets.UTF_8);
    server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", ex -> {
      try (ex) {
        String req = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String answer = req.contains("zebra") ? "- black stripes\\n- short mane" : "- dark back\\n- white belly";
        byte[] body = ("{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"" + answer + "\"}}]}")
            .getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    });
    server.start();
  }

  @AfterAll
  static void tearDown() throws IOException {
    server.stop(0);
    wordnet.close();
    dev.glassbox.io.AtomicFiles.deleteTree(dir);
  }

  /** A deterministic stand-in encoder: a fixed random vector per text, seeded by its hash. */
  static final class HashEncoder implements TextEncoder {
    @Override
    public EncoderIdentity identity() {
      return new EncoderIdentity("hash-test", "", 16);
    }

    @Override
    public FloatMatrix encode(List<String> texts) {
      float[] d = new float[texts.size() * 16];
      for (int i = 0; i < texts.size(); i++) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(texts.get(i).hashCode());
        for (int j = 0; j < 16; j++) {
          d[i * 16 + j] = (float) r.nextGaussian();
        }
      }
      return FloatMatrix.wrap(texts.size(), 16, d);
    }
  }

  static Stream<Arguments> sources() {
    List<Function<Void, ConceptSource>> fs = new ArrayList<>();
    LlmConfig llm = LlmConfig.defaults().withBaseUrl("http://127.0.0.1:" + server.getAddress().getPort()).withApiKeyEnv(null)
        .withRequestsPerMinute(0).withBackoff(Duration.ofMillis(10), Duration.ofMillis(20)).withCacheDir(dir.resolve("llm-cache"));
    HashEncoder enc = new HashEncoder();
    List<Vocabulary.Entry> vocab = new ArrayList<>();
    for (String w : List.of("stripes", "mane", "red", "ladder", "flippers", "ice", "wheels", "grass")) {
      vocab.add(new Vocabulary.Entry(w, Vocabulary.Kind.NOUN, vocab.size() + 1));
    }
    return Stream.of(
        Arguments.of(Named.of("file", (Function<Void, ConceptSource>) v -> new FileConceptSource(dir.resolve("class2concepts.json")))),
        Arguments.of(Named.of("wordnet", (Function<Void, ConceptSource>) v -> new WordNetConceptSource(wordnet, WordNetConfig.defaults()))),
        Arguments.of(Named.of("llm", (Function<Void, ConceptSource>) v -> new LlmConceptSource(llm,
            List.of(PromptTemplate.of("f", "List features of a {}", PromptTemplate.Extraction.ITEMS)), wordnet.lexicon(),
            new ChatClient(llm, k -> null)))),
        Arguments.of(Named.of("vocabulary", (Function<Void, ConceptSource>) v -> new VocabularyConceptSource(
            new Vocabulary("test", "CC0", vocab), enc, enc.encode(List.of("ice", "grass", "wheels red", "stripes", "snow", "sea")),
            VocabularyConfig.defaults().withImagesPerClass(3).withConceptsPerClass(3).withClassTemplates(List.of("{}"))))),
        Arguments.of(Named.of("corpus", (Function<Void, ConceptSource>) v -> new CorpusConceptSource(dir.resolve("corpus"),
            CorpusConfig.defaults(), wordnet.lexicon()))));
  }

  @ParameterizedTest
  @MethodSource("sources")
  void rejectsAnEmptyClassList(Function<Void, ConceptSource> factory) {
    ConceptSource s = factory.apply(null);
    assertThatThrownBy(() -> s.generate(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(s.name()).hasMessageContaining("at least one class name");
  }

  @ParameterizedTest
  @MethodSource("sources")
  void rejectsDuplicateClassNamesNamingThem(Function<Void, ConceptSource> factory) {
    ConceptSource s = factory.apply(null);
    assertThatThrownBy(() -> s.generate(List.of("zebra", "penguin", "ZEBRA"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"ZEBRA\" (positions 0 and 2)");
  }

  @ParameterizedTest
  @MethodSource("sources")
  void rejectsBlankClassNamesByPosition(Function<Void, ConceptSource> factory) {
    ConceptSource s = factory.apply(null);
    assertThatThrownBy(() -> s.generate(Arrays.asList("zebra", ""))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank").hasMessageContaining("[1]");
  }

  @ParameterizedTest
  @MethodSource("sources")
  void everyConceptCarriesProvenanceAndARequestedProposer(Function<Void, ConceptSource> factory) {
    ConceptSource s = factory.apply(null);
    List<Concept> cs = s.generate(CLASSES);
    assertThat(cs).isNotEmpty();
    for (Concept c : cs) {
      assertThat(c.source()).isEqualTo(s.name());
      assertThat(c.text()).isNotBlank().isEqualTo(c.text().strip());
      assertThat(c.metadata()).isNotEmpty();
      assertThat(c.proposingClasses()).isNotEmpty().allMatch(CLASSES::contains);
    }
    // Texts are unique, so the result is a valid concept set as it stands.
    assertThat(new ConceptSet(cs).size()).isEqualTo(cs.size());
  }

  @ParameterizedTest
  @MethodSource("sources")
  void givesTheSameConceptsTwice(Function<Void, ConceptSource> factory) {
    assertThat(factory.apply(null).generate(CLASSES)).isEqualTo(factory.apply(null).generate(CLASSES));
  }
}
