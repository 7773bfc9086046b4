package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.io.ModelStore;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits saved while several clients hammer predict and explain: no request fails, every response
 * comes from one complete version (its probabilities are exactly what that version, loaded from
 * disk afterwards, computes for the same input), and concurrent edits never share a version number.
 */
class EditUnderLoadTest {
  @TempDir
  Path tmp;

  record Observed(int version, int item, int predicted, double probability, int numContributions, String route) {}

  @Test
  void editsDuringPredictionLoadNeverExposeAHalfWrittenModel() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("models"));
    Fixtures.Trained t = Fixtures.synth(6, 60, 600, 32, 17, tmp.resolve("data"));
    Fixtures.save(models, "m", 1, t.model());
    // A fast reload timer too, so the scanner races the editors for every new version.
    try (GlassboxServer server = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withThreads(4).withQueue(256)
        .withReloadInterval(Duration.ofMillis(5)).withDatasets(Map.of("m", t.datasetDir())))) {
      Http http = new Http(server.uri());
      int items = 50;
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < items; i++) {
        bodies.add(ApiTest.embeddingJson(Fixtures.embedding(t.data(), i)));
      }
      ConcurrentLinkedQueue<Observed> seen = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      int clients = 4;
      ExecutorService pool = Executors.newFixedThreadPool(clients + 2);
      CountDownLatch started = new CountDownLatch(clients);
      List<Future<?>> load = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int seed = c;
        load.add(pool.submit(() -> {
          started.countDown();
          int n = seed;
          while (!stop.get()) {
            int item = n++ % items;
            String route = n % 2 == 0 ? "predict" : "explain";
            Http.Response r = http.postJson("/v1/models/m/" + route + "?top=3", bodies.get(item));
            if (r.status() != 200) {
              failures.add(route + " → " + r);
              continue;
            }
            JsonNode j = r.json();
            seen.add(new Observed(j.path("model").path("version").asInt(), item, j.path("predicted").path("index").asInt(),
                j.path("predicted").path("probability").asDouble(), j.path("contributions").size(), route));
          }
        }));
      }
      started.await();
      // Two editors at once, each making several versions: numbers must never collide.
      List<String> concepts = t.model().concepts().texts();
      List<Future<List<Integer>>> editors = new ArrayList<>();
      for (int e = 0; e < 2; e++) {
        int editor = e;
        editors.add(pool.submit(() -> {
          List<Integer> made = new ArrayList<>();
          for (int k = 0; k < 4; k++) {
            String concept = concepts.get(editor * 10 + k);
            Object body = switch (k % 3) {
              case 0 -> Map.of("remove", List.of(concept));
              case 1 -> Map.of("zero", List.of(concept));
              default -> Map.of("reweight", Map.of(concept, 0.5));
            };
            Http.Response r = http.postJson("/v1/models/m/edits", body);
            if (r.status() != 201) {
              failures.add("edit → " + r);
            } else {
              made.add(r.json().path("model").path("version").asInt());
            }
            Thread.sleep(80);
          }
          return made;
        }));
      }
      List<Integer> versions = new ArrayList<>();
      for (Future<List<Integer>> f : editors) {
        versions.addAll(f.get());
      }
      long until = System.nanoTime() + 30_000_000_000L;
      while (seen.size() < 300 && failures.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      stop.set(true);
      for (Future<?> f : load) {
        f.get();
      }
      pool.shutdown();

      assertThat(failures).isEmpty();
      assertThat(versions).hasSize(8).doesNotHaveDuplicates();
      Collections.sort(versions);
      assertThat(versions).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
      try (var s = Files.list(models.resolve("m"))) {
        assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
            .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9");
      }
      Map<Integer, ConceptBottleneckModel> onDisk = new HashMap<>();
      for (int v = 1; v <= 9; v++) {
        onDisk.put(v, ModelStore.load(models.resolve("m").resolve(Integer.toString(v))));
      }
      Set<Integer> servedVersions = new TreeSet<>();
      assertThat(seen.size()).isGreaterThanOrEqualTo(300);
      for (Observed o : seen) {
        servedVersions.add(o.version());
        ConceptBottleneckModel m = onDisk.get(o.version());
        assertThat(m).as("response names version %d", o.version()).isNotNull();
        Prediction p = m.predict(Fixtures.embedding(t.data(), o.item()));
        assertThat(o.predicted()).as("%s", o).isEqualTo(p.predicted());
        // The server computes on the concepts the head uses; sums may differ in the last bits.
        assertThat(o.probability()).as("%s", o).isCloseTo(p.probabilities()[p.predicted()], within(2e-6));
      }
      assertThat(servedVersions).as("load ran across several versions").hasSizeGreaterThan(2);
      assertThat(http.get("/v1/models/m").json().path("version").asInt()).isEqualTo(9);
    }
  }

  @Test
  void simultaneousEditsAreAppliedOneAfterAnotherAndNoneIsLost() throws Exception {
    Path models = Files.createDirectories(tmp.resolve("models"));
    Fixtures.Trained t = Fixtures.synth(5, 30, 300, 16, 23, tmp.resolve("data"));
    Fixtures.save(models, "race", 1, t.model());
    try (GlassboxServer server = GlassboxServer.start(ServerConfig.defaults(models).withPort(0).withThreads(4).withQueue(64))) {
      Http http = new Http(server.uri());
      List<String> concepts = t.model().concepts().texts();
      int editors = 10;
      ExecutorService pool = Executors.newFixedThreadPool(editors);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Http.Response>> sent = new ArrayList<>();
      for (int e = 0; e < editors; e++) {
        String concept = concepts.get(2 + e);
        sent.add(pool.submit(() -> {
          go.await();
          return http.postJson("/v1/models/race/edits", Map.of("remove", List.of(concept)));
        }));
      }
      go.countDown();
      for (Future<Http.Response> f : sent) {
        assertThat(f.get().status()).as("%s", f.get()).isEqualTo(201);
      }
      pool.shutdown();
      // Every removal is in the latest version: each edit was applied on top of the one before.
      JsonNode latest = http.get("/v1/models/race").json();
      assertThat(latest.path("version").asInt()).isEqualTo(1 + editors);
      ConceptBottleneckModel last = ModelStore.load(models.resolve("race").resolve(Integer.toString(1 + editors)));
      assertThat(last.numConcepts()).isEqualTo(concepts.size() - editors);
      assertThat(last.concepts().texts()).doesNotContainAnyElementsOf(concepts.subList(2, 2 + editors));

      // With base_version, an edit that is no longer on the latest version is refused, not rebased.
      Http.Response stale = http.postJson("/v1/models/race/edits", Map.of("zero", List.of(concepts.get(0)), "base_version", 3));
      assertThat(stale.status()).isEqualTo(409);
      assertThat(stale.json().path("field").asText()).isEqualTo("base_version");
      assertThat(stale.json().path("message").asText()).contains("is at version " + (1 + editors)).contains("not base_version 3");
      Http.Response current = http.postJson("/v1/models/race/edits",
          Map.of("zero", List.of(concepts.get(0)), "base_version", 1 + editors));
      assertThat(current.status()).isEqualTo(201);
      assertThat(current.json().path("model").path("version").asInt()).isEqualTo(2 + editors);
    }
  }
}
