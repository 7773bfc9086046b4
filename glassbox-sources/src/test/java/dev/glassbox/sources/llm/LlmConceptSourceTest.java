package dev.glassbox.sources.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.concepts.Concept;
import dev.glassbox.sources.wordnet.WordNet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmConceptSourceTest {
  private static WordNet wordnet;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    wordnet = WordNet.open();
  }

  @AfterAll
  static void close() {
    wordnet.close();
  }

  private static final PromptTemplate FEATURES = PromptTemplate.of("features", "List features of a \"{}\":", PromptTemplate.Extraction.ITEMS);

  private LlmConfig config(FakeChatServer server) {
    return LlmConfig.defaults()
        .withBaseUrl(server.baseUrl())
        .withModel("test-model")
        .withApiKeyEnv("GLASSBOX_TEST_KEY")
        .withRequestsPerMinute(0)
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .withMaxRetries(3)
        .withCacheDir(dir.resolve("cache"));
  }

  private static ChatClient client(LlmConfig c) {
    return new ChatClient(c, Map.of("GLASSBOX_TEST_KEY", "sk-secret-123")::get);
  }

  private static LlmConceptSource source(LlmConfig c, PromptTemplate... templates) {
    return new LlmConceptSource(c, List.of(templates), wordnet.lexicon(), client(c));
  }

  /** Answers depend on the class and sample so that cached and fresh answers can be told apart. */
  private static FakeChatServer.Reply featureAnswer(com.fasterxml.jackson.databind.JsonNode req) {
    String prompt = req.path("messages").get(0).path("content").asText();
    if (prompt.contains("zebra")) {
      return FakeChatServer.Reply.ok("- black and white stripes\n- a short mane\n- Hooves.");
    }
    return FakeChatServer.Reply.ok("- yellow body\n- black wings\n- a short conical beak");
  }

  @Test
  void sendsOneRequestPerClassTemplateAndSampleWithTheConfiguredSettings() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> featureAnswer(req))) {
      LlmConceptSource src = source(config(server), FEATURES);
      List<Concept> cs = src.generate(List.of("zebra", "goldfinch"));
      assertThat(server.requests()).isEqualTo(4);
      assertThat(cs).extracting(Concept::text)
          .containsExactly("black and white stripes", "short mane", "hooves", "yellow body", "black wings", "short conical beak");
      FakeChatServer.Received first = server.received().get(0);
      assertThat(first.body().path("model").asText()).isEqualTo("test-model");
      assertThat(first.body().path("temperature").asDouble()).isEqualTo(0.7);
      assertThat(first.body().path("max_tokens").asInt()).isEqualTo(256);
      assertThat(first.body().path("messages").get(0).path("content").asText()).isEqualTo("List features of a \"zebra\":");
      assertThat(first.authorization()).isEqualTo("Bearer sk-secret-123");
      Concept stripes = cs.get(0);
      assertThat(stripes.source()).isEqualTo("llm");
      assertThat(stripes.proposedBy()).isEqualTo("zebra");
      assertThat(stripes.metadata()).containsEntry("model", "test-model").containsEntry("template", "features")
          .containsEntry("templateHash", FEATURES.hash()).containsEntry("sample", "0").containsEntry("temperature", "0.7")
          .containsEntry("item", "black and white stripes");
    }
  }

  @Test
  void cachedRerunMakesZeroCallsAndGivesTheSameConcepts() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> featureAnswer(req))) {
      LlmConfig c = config(server);
      List<Concept> first = source(c, FEATURES).generate(List.of("zebra", "goldfinch"));
      assertThat(server.requests()).isEqualTo(4);
      server.script((i, req) -> FakeChatServer.Reply.ok("- something else entirely"));
      LlmConceptSource again = source(c, FEATURES);
      List<Concept> second = again.generate(List.of("zebra", "goldfinch"));
      assertThat(server.requests()).isEqualTo(4);
      assertThat(again.client().requestsSent()).isZero();
      assertThat(second).isEqualTo(first);
    }
  }

  @Test
  void cachedRerunNeedsNoServerAndNoApiKey() throws IOException {
    LlmConfig c;
    List<Concept> first;
    try (FakeChatServer server = new FakeChatServer((i, req) -> featureAnswer(req))) {
      c = config(server);
      first = source(c, FEATURES).generate(List.of("zebra"));
    }
    List<Concept> offline = new LlmConceptSource(c, List.of(FEATURES), wordnet.lexicon(), new ChatClient(c, k -> null))
        .generate(List.of("zebra"));
    assertThat(offline).isEqualTo(first);
  }

  @Test
  void changingTheTemperatureOrTemplateMissesTheCache() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> featureAnswer(req))) {
      LlmConfig c = config(server).withSamplesPerClass(1);
      source(c, FEATURES).generate(List.of("zebra"));
      source(c.withTemperature(0.2), FEATURES).generate(List.of("zebra"));
      source(c, PromptTemplate.of("features", "Name features of a \"{}\":", PromptTemplate.Extraction.ITEMS)).generate(List.of("zebra"));
      source(c, FEATURES).generate(List.of("zebra"));
      assertThat(server.requests()).isEqualTo(3);
    }
  }

  @Test
  void rateLimited429IsRetriedAfterAnExponentialBackoff() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) ->
        i < 2 ? FakeChatServer.Reply.status(429, "{\"error\": \"rate limited\"}") : featureAnswer(req))) {
      LlmConfig c = config(server).withSamplesPerClass(1).withBackoff(Duration.ofMillis(400), Duration.ofSeconds(5));
      List<Concept> cs = source(c, FEATURES).generate(List.of("zebra"));
      assertThat(cs).isNotEmpty();
      assertThat(server.requests()).isEqualTo(3);
      List<FakeChatServer.Received> r = server.received();
      long firstGap = (r.get(1).nanoTime() - r.get(0).nanoTime()) / 1_000_000;
      long secondGap = (r.get(2).nanoTime() - r.get(1).nanoTime()) / 1_000_000;
      // Jitter draws from the upper half: [200, 400] ms, then [400, 800] ms.
      assertThat(firstGap).isBetween(190L, 1_000L);
      assertThat(secondGap).isBetween(390L, 1_500L);
    }
  }

  @Test
  void retryAfterHeaderIsHonoured() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> i == 0
        ? new FakeChatServer.Reply(429, Map.of("Retry-After", "1"), "slow down", 0) : featureAnswer(req))) {
      LlmConfig c = config(server).withSamplesPerClass(1).withBackoff(Duration.ofMillis(10), Duration.ofSeconds(5));
      source(c, FEATURES).generate(List.of("zebra"));
      List<FakeChatServer.Received> r = server.received();
      assertThat((r.get(1).nanoTime() - r.get(0).nanoTime()) / 1_000_000).isGreaterThanOrEqualTo(990L);
    }
  }

  @Test
  void persistentServerErrorGivesUpAfterTheRetriesNamingStatusAndBody() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> FakeChatServer.Reply.status(503, "model overloaded"))) {
      LlmConfig c = config(server).withMaxRetries(2);
      assertThatThrownBy(() -> source(c, FEATURES).generate(List.of("zebra")))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("HTTP 503").hasMessageContaining("model overloaded").hasMessageContaining("class \"zebra\"")
          .hasMessageContaining("3 attempts");
      assertThat(server.requests()).isEqualTo(3);
    }
  }

  @Test
  void malformedBodyGivesAnErrorNamingTheClassAndShowingTheBody() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> FakeChatServer.Reply.status(200, "<html>gateway page</html>"))) {
      assertThatThrownBy(() -> source(config(server), FEATURES).generate(List.of("goldfinch")))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("malformed").hasMessageContaining("class \"goldfinch\"").hasMessageContaining("template features")
          .hasMessageContaining("<html>gateway page</html>");
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void answerWithoutChoicesIsMalformed() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> FakeChatServer.Reply.status(200, "{\"object\": \"chat.completion\"}"))) {
      assertThatThrownBy(() -> source(config(server), FEATURES).generate(List.of("zebra")))
          .hasMessageContaining("no \"choices\"").hasMessageContaining("class \"zebra\"");
    }
  }

  @Test
  void unreachableServerGivesAnErrorNamingTheBaseUrl() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    LlmConfig c = LlmConfig.defaults().withBaseUrl("http://127.0.0.1:" + port).withApiKeyEnv(null).withMaxRetries(1)
        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)).withRequestsPerMinute(0);
    assertThatThrownBy(() -> new LlmConceptSource(c, List.of(FEATURES), wordnet.lexicon()).generate(List.of("zebra")))
        .isInstanceOf(LlmException.class)
        .hasMessageContaining("cannot reach the LLM at http://127.0.0.1:" + port)
        .hasMessageContaining("2 attempts").hasMessageContaining("class \"zebra\"");
  }

  @Test
  void slowServerTimesOut() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> new FakeChatServer.Reply(200, Map.of(), "{}", 1_500))) {
      LlmConfig c = config(server).withMaxRetries(0).withRequestTimeout(Duration.ofMillis(200));
      assertThatThrownBy(() -> source(c, FEATURES).generate(List.of("zebra")))
          .hasMessageContaining("no complete answer within 200 ms").hasMessageContaining(server.baseUrl());
    }
  }

  @Test
  void interruptedRunLeavesEveryCacheEntryReadableAndTheRerunResumes() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) ->
        i < 3 ? featureAnswer(req) : FakeChatServer.Reply.status(400, "{\"error\": \"stop\"}"))) {
      LlmConfig c = config(server);
      Path cacheDir = c.cacheDir();
      Files.createDirectories(cacheDir.resolve("ab"));
      // What a process killed during a write leaves behind: a temporary file beside the entries.
      Files.writeString(cacheDir.resolve("ab").resolve(".abcdef.json.tmp-1234"), "{\"format\": \"glassbox-llm-c");
      assertThatThrownBy(() -> source(c, FEATURES).generate(List.of("zebra", "goldfinch")))
          .hasMessageContaining("HTTP 400").hasMessageContaining("class \"goldfinch\"");
      List<Path> entries;
      try (Stream<Path> files = Files.walk(cacheDir)) {
        entries = files.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).toList();
      }
      assertThat(entries).hasSize(3);
      ResponseCache cache = new ResponseCache(cacheDir);
      assertThat(cache.get(new ResponseCache.Key("test-model", FEATURES.hash(), 0.7, 256, "zebra", 1))).contains(
          "- black and white stripes\n- a short mane\n- Hooves.");

      server.script((i, req) -> featureAnswer(req));
      List<Concept> resumed = source(c, FEATURES).generate(List.of("zebra", "goldfinch"));
      assertThat(server.requests()).isEqualTo(4 + 1);
      try (FakeChatServer fresh = new FakeChatServer((i, req) -> featureAnswer(req))) {
        LlmConfig clean = config(fresh).withCacheDir(dir.resolve("clean"));
        assertThat(resumed).isEqualTo(
            new LlmConceptSource(clean.withModel("test-model"), List.of(FEATURES), wordnet.lexicon(), client(clean)).generate(List.of("zebra", "goldfinch")));
      }
    }
  }

  @Test
  void damagedCacheEntryIsNamedWithTheFix() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> featureAnswer(req))) {
      LlmConfig c = config(server).withSamplesPerClass(1);
      ResponseCache cache = new ResponseCache(c.cacheDir());
      Path f = cache.file(new ResponseCache.Key("test-model", FEATURES.hash(), 0.7, 256, "zebra", 0));
      Files.createDirectories(f.getParent());
      Files.writeString(f, "{\"format\": \"glassbox-llm-cache\", \"formatVersion\": 9, \"key\": {}, \"response\": \"x\"}");
      assertThatThrownBy(() -> source(c, FEATURES).generate(List.of("zebra")))
          .hasMessageContaining(f.toString()).hasMessageContaining("format version 9");
      assertThat(server.requests()).isZero();
    }
  }

  @Test
  void apiKeyIsSentButNeverAppearsInErrors() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> FakeChatServer.Reply.status(401, "{\"error\": \"invalid key\"}"))) {
      assertThatThrownBy(() -> source(config(server), FEATURES).generate(List.of("zebra")))
          .hasMessageContaining("HTTP 401").hasMessageContaining("GLASSBOX_TEST_KEY")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-secret-123"));
      assertThat(server.received().get(0).authorization()).isEqualTo("Bearer sk-secret-123");
      assertThat(config(server).toString()).doesNotContain("sk-secret-123");
    }
  }

  @Test
  void unsetApiKeyVariableIsNamedBeforeAnyRequest() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> featureAnswer(req))) {
      LlmConfig c = config(server);
      assertThatThrownBy(() -> new LlmConceptSource(c, List.of(FEATURES), wordnet.lexicon(), new ChatClient(c, k -> null))
          .generate(List.of("zebra")))
          .hasMessageContaining("GLASSBOX_TEST_KEY").hasMessageContaining("not set");
      assertThat(server.requests()).isZero();
    }
  }

  @Test
  void clientSideRateLimitSpacesRequests() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> featureAnswer(req))) {
      LlmConfig c = config(server).withRequestsPerMinute(600).withCacheDir(null);
      long t0 = System.nanoTime();
      source(c, FEATURES).generate(List.of("zebra", "goldfinch"));
      long elapsed = (System.nanoTime() - t0) / 1_000_000;
      assertThat(server.requests()).isEqualTo(4);
      // 600 per minute: starts at least 100 ms apart, so four requests span at least 300 ms.
      assertThat(elapsed).isGreaterThanOrEqualTo(290L);
      // Seen from the server, each start is shifted by its delivery time, which varies (the first
      // request also opens the connection; a loaded machine adds tens of ms), so single gaps can
      // shrink below 100 ms although the client spaced the starts. Without a limit the four would
      // arrive within a few ms; with it they span about 300 ms, less the first one's extra delay.
      List<FakeChatServer.Received> r = server.received();
      assertThat((r.get(r.size() - 1).nanoTime() - r.get(0).nanoTime()) / 1_000_000).isGreaterThanOrEqualTo(200L);
    }
  }

  @Test
  void laboSentenceAnswersBecomeShortPhrases() throws IOException {
    String answer = " The goldfinch is a small bird with a bright yellow body.\n"
        + "2) It has black wings with white bars.\n"
        + "3) The goldfinch's beak is short and conical.\n"
        + "4) Its tail is black and notched.";
    try (FakeChatServer server = new FakeChatServer((i, req) -> FakeChatServer.Reply.ok(answer))) {
      LlmConfig c = config(server).withSamplesPerClass(1);
      List<Concept> cs = source(c, BuiltInPrompt.LABO_DESCRIBE.template()).generate(List.of("goldfinch"));
      assertThat(server.received().get(0).body().path("messages").get(0).path("content").asText())
          .isEqualTo("Use 10 sentences to describe how the goldfinch looks like:\n1)");
      assertThat(cs).extracting(Concept::text)
          .contains("bright yellow body", "black wings", "white bars", "short and conical beak", "black and notched tail")
          .noneMatch(t -> t.contains("goldfinch"));
      assertThat(cs.get(0).metadata()).containsEntry("template", "labo-describe");
    }
  }

  @Test
  void emptyAndDuplicateClassListsAreRejectedBeforeAnyRequest() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> featureAnswer(req))) {
      LlmConceptSource src = source(config(server), FEATURES);
      assertThatThrownBy(() -> src.generate(List.of())).hasMessageContaining("at least one class");
      assertThatThrownBy(() -> src.generate(List.of("zebra", "Zebra"))).hasMessageContaining("duplicate");
      assertThat(server.requests()).isZero();
    }
  }

  @Test
  void markdownAnswerOfAChatModelGivesTheListedConceptsWithTheOriginalItemsAsProvenance() throws IOException {
    String answer = "Here are the most important features for recognizing a robin:\n\n"
        + "1. **Red breast**: a bright orange-red chest\n2. **Black wings** - dark flight feathers\n3. **Short beak**\n"
        + "4. Size: small\n\nLet me know if you need anything else!";
    try (FakeChatServer server = new FakeChatServer((i, req) -> FakeChatServer.Reply.ok(answer))) {
      LlmConfig c = config(server).withSamplesPerClass(1);
      List<Concept> cs = source(c, BuiltInPrompt.LFCBM_IMPORTANT.template()).generate(List.of("robin"));
      assertThat(cs).extracting(Concept::text).containsExactly("red breast", "black wings", "short beak", "small size");
      assertThat(cs).extracting(k -> k.metadata().get("item")).containsExactly(
          "**Red breast**: a bright orange-red chest", "**Black wings** - dark flight feathers", "**Short beak**", "Size: small");
    }
  }

  @Test
  void fencedJsonAnswerGivesItsStrings() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) ->
        FakeChatServer.Reply.ok("```json\n[\"Red breast\", \"black wings\", \"a short beak\"]\n```"))) {
      LlmConfig c = config(server).withSamplesPerClass(1);
      assertThat(source(c, BuiltInPrompt.LFCBM_IMPORTANT.template()).generate(List.of("robin"))).extracting(Concept::text)
          .containsExactly("red breast", "black wings", "short beak");
    }
  }

  @Test
  void blankAnswerIsNotCachedAndTheErrorNamesTheClassAndTheBudget() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> FakeChatServer.Reply.ok(i % 2 == 0 ? "" : "  \n "))) {
      LlmConfig c = config(server);
      assertThatThrownBy(() -> source(c, FEATURES).generate(List.of("robin")))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("no concepts for class \"robin\"").hasMessageContaining("2 of 2 answers blank")
          .hasMessageContaining("not cached, so a rerun asks again").hasMessageContaining("max_tokens 256");
      assertThat(cacheEntries(c.cacheDir())).isEmpty();

      server.script((i, req) -> featureAnswer(req));
      LlmConceptSource again = source(c, FEATURES);
      assertThat(again.generate(List.of("robin"))).extracting(Concept::text).contains("black wings");
      assertThat(again.client().requestsSent()).isEqualTo(2);
      assertThat(cacheEntries(c.cacheDir())).hasSize(2);
    }
  }

  @Test
  void blankAnswerCachedByAnEarlierVersionIsAskedAgain() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> featureAnswer(req))) {
      LlmConfig c = config(server).withSamplesPerClass(1);
      ResponseCache.Key key = new ResponseCache.Key("test-model", FEATURES.hash(), 0.7, 256, "zebra", 0);
      new ResponseCache(c.cacheDir()).put(key, "");
      assertThat(source(c, FEATURES).generate(List.of("zebra"))).extracting(Concept::text).contains("short mane");
      assertThat(server.requests()).isEqualTo(1);
      assertThat(new ResponseCache(c.cacheDir()).get(key)).contains("- black and white stripes\n- a short mane\n- Hooves.");
    }
  }

  @Test
  void cachedAnswersWithoutListItemsAreNamedWithTheirCacheFiles() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> FakeChatServer.Reply.ok("### Features of a robin:\n---"))) {
      LlmConfig c = config(server).withSamplesPerClass(1);
      Path entry = new ResponseCache(c.cacheDir()).file(new ResponseCache.Key("test-model", FEATURES.hash(), 0.7, 256, "robin", 0));
      assertThatThrownBy(() -> source(c, FEATURES).generate(List.of("robin")))
          .isInstanceOf(LlmException.class)
          .hasMessageContaining("class \"robin\": 1 of 1 answer with no list items")
          .hasMessageContaining("\"### Features of a robin: ---\"")
          .hasMessageContaining("cached in " + c.cacheDir()).hasMessageContaining("delete " + entry);

      // The rerun reads the cached answer, fails the same way and says so.
      server.script((i, req) -> FakeChatServer.Reply.ok("- red breast"));
      assertThatThrownBy(() -> source(c, FEATURES).generate(List.of("robin")))
          .hasMessageContaining("read from there, not asked").hasMessageContaining("delete " + entry);
      assertThat(server.requests()).isEqualTo(1);

      Files.delete(entry);
      assertThat(source(c, FEATURES).generate(List.of("robin"))).extracting(Concept::text).containsExactly("red breast");
      assertThat(server.requests()).isEqualTo(2);
    }
  }

  @Test
  void everyClassWithoutConceptsIsNamedWhenNoneGotAny() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) -> FakeChatServer.Reply.ok(
        req.path("messages").get(0).path("content").asText().contains("robin") ? "" : "Here you go:"))) {
      LlmConfig c = config(server).withSamplesPerClass(1).withCacheDir(null);
      assertThatThrownBy(() -> source(c, FEATURES).generate(List.of("robin", "zebra")))
          .hasMessageContaining("no concepts for 2 classes")
          .hasMessageContaining("class \"robin\": 1 of 1 answer blank")
          .hasMessageContaining("class \"zebra\": 1 of 1 answer with no list items")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("cached in"));
    }
  }

  @Test
  void classWithoutConceptsAmongOthersDoesNotFailTheRun() throws IOException {
    try (FakeChatServer server = new FakeChatServer((i, req) ->
        req.path("messages").get(0).path("content").asText().contains("robin") ? FakeChatServer.Reply.ok("") : featureAnswer(req))) {
      LlmConfig c = config(server).withSamplesPerClass(1);
      List<Concept> cs = source(c, FEATURES).generate(List.of("robin", "zebra"));
      assertThat(cs).extracting(Concept::proposedBy).containsOnly("zebra");
    }
  }

  private static List<Path> cacheEntries(Path cacheDir) throws IOException {
    if (!Files.exists(cacheDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(cacheDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
  }
}
