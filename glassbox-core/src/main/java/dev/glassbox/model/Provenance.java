package dev.glassbox.model;

import dev.glassbox.encode.EncoderIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where a model came from: enough to rebuild it and to tell two models apart.
 *
 * @param glassboxVersion the Glassbox version that trained it
 * @param glassboxCommit the git commit of that build ("unknown" outside a checkout)
 * @param java the Java runtime version
 * @param os operating system name, version and architecture
 * @param createdAt when the model was made (ISO-8601 UTC)
 * @param method the training method ("sparse", "labo", …)
 * @param config every stage's settings, as JSON-compatible maps
 * @param seed the root seed (splits and any stochastic training)
 * @param datasetFingerprint SHA-256 of the training data (see {@code Dataset.fingerprint})
 * @param conceptSetHash SHA-256 of the concept set (see {@code ConceptSet.hash})
 * @param encoder the encoder the embeddings came from, or null when unknown
 * @param edits the edits applied since training, oldest first, each a JSON-compatible map
 * @param metrics metrics recorded at training time (validation accuracy, …)
 */
public record Provenance(
    String glassboxVersion, String glassboxCommit, String java, String os, String createdAt,
    String method, Map<String, Object> config, long seed, String datasetFingerprint, String conceptSetHash,
    EncoderIdentity encoder, List<Map<String, Object>> edits, Map<String, Object> metrics) {

  public Provenance {
    config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
    edits = edits == null ? List.of() : List.copyOf(edits);
    metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** Provenance for a model trained now by this build. */
  public static Provenance now(
      String method, Map<String, Object> config, long seed, String datasetFingerprint, String conceptSetHash,
      EncoderIdentity encoder, Map<String, Object> metrics) {
    BuildInfo b = BuildInfo.current();
    return new Provenance(
        b.version(), b.commit(), System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        method, config, seed, datasetFingerprint, conceptSetHash, encoder, List.of(), metrics);
  }

  /** This provenance with one more edit recorded. */
  public Provenance withEdit(Map<String, Object> edit) {
    List<Map<String, Object>> e = new ArrayList<>(edits);
    Map<String, Object> rec = new LinkedHashMap<>(edit);
    rec.putIfAbsent("at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    rec.putIfAbsent("glassboxVersion", BuildInfo.current().version());
    e.add(rec);
    return new Provenance(glassboxVersion, glassboxCommit, java, os, createdAt, method, config, seed, datasetFingerprint,
        conceptSetHash, encoder, e, metrics);
  }

  public Provenance withConceptSetHash(String hash) {
    return new Provenance(glassboxVersion, glassboxCommit, java, os, createdAt, method, config, seed, datasetFingerprint,
        hash, encoder, edits, metrics);
  }

  public Provenance withMetrics(Map<String, Object> m) {
    return new Provenance(glassboxVersion, glassboxCommit, java, os, createdAt, method, config, seed, datasetFingerprint,
        conceptSetHash, encoder, edits, m);
  }

  /** Version and commit of this build, read from the jar. */
  public record BuildInfo(String version, String commit) {
    public static BuildInfo current() {
      Properties p = new Properties();
      try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/glassbox/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read Glassbox's version.properties", e);
      }
      String v = p.getProperty("version", "unknown");
      String c = p.getProperty("commit", "unknown");
      if (c.isBlank() || c.startsWith("${")) {
        c = "unknown";
      } else if ("true".equals(p.getProperty("dirty"))) {
        c = c + "-dirty";
      }
      return new BuildInfo(v.startsWith("${") ? "unknown" : v, c);
    }
  }
}
