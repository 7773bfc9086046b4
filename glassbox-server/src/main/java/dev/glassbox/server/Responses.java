package dev.glassbox.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.glassbox.edit.ModelEdit;
import dev.glassbox.explain.Contribution;
import dev.glassbox.explain.Explanation;
import dev.glassbox.io.ModelStore;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes responses as compact JSON with Jackson's streaming generator: numbers go straight from
 * the model's arrays to bytes, without maps, boxing or a tree. Snake-case keys throughout. Cold
 * responses (model summaries with their provenance) go through the mapper.
 */
final class Responses {
  static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  private Responses() {}

  /** Writes one JSON document. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static byte[] json(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] value(Object v) {
    try {
      return MAPPER.writeValueAsBytes(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void modelRef(JsonGenerator g, ServedModel m) throws IOException {
    g.writeObjectFieldStart("model");
    g.writeStringField("name", m.name);
    g.writeNumberField("version", m.version);
    g.writeEndObject();
  }

  /** {@code predicted} and the {@code top} most probable {@code classes}. */
  static void classes(JsonGenerator g, ConceptBottleneckModel model, Prediction p, int top) throws IOException {
    List<String> names = model.classNames();
    float[] probs = p.probabilities();
    g.writeObjectFieldStart("predicted");
    g.writeStringField("class", names.get(p.predicted()));
    g.writeNumberField("index", p.predicted());
    g.writeNumberField("probability", probs[p.predicted()]);
    g.writeEndObject();
    int[] order = topIndices(probs, Math.min(top, probs.length));
    g.writeArrayFieldStart("classes");
    for (int c : order) {
      g.writeStartObject();
      g.writeStringField("class", names.get(c));
      g.writeNumberField("index", c);
      g.writeNumberField("probability", probs[c]);
      g.writeNumberField("logit", p.logits()[c]);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Indices of the {@code k} largest values, largest first (ties: lower index first). */
  static int[] topIndices(float[] v, int k) {
    int[] idx = new int[k];
    float[] best = new float[k];
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      float x = v[i];
      if (n < k) {
        int p = n++;
        while (p > 0 && best[p - 1] < x) {
          best[p] = best[p - 1];
          idx[p] = idx[p - 1];
          p--;
        }
        best[p] = x;
        idx[p] = i;
      } else if (x > best[k - 1]) {
        int p = k - 1;
        while (p > 0 && best[p - 1] < x) {
          best[p] = best[p - 1];
          idx[p] = idx[p - 1];
          p--;
        }
        best[p] = x;
        idx[p] = i;
      }
    }
    return idx;
  }

  static void contributions(JsonGenerator g, String field, List<Contribution> cs, int limit) throws IOException {
    contributions(g, field, cs, limit, null);
  }

  /** Contributions; {@code m}, when given, maps the concept indices of its fast model back to the model's. */
  static void contributions(JsonGenerator g, String field, List<Contribution> cs, int limit, ServedModel m) throws IOException {
    g.writeArrayFieldStart(field);
    int n = Math.min(limit, cs.size());
    for (int i = 0; i < n; i++) {
      Contribution c = cs.get(i);
      g.writeStartObject();
      g.writeStringField("concept", c.text());
      g.writeStringField("label", c.label());
      g.writeNumberField("index", m == null ? c.concept() : m.fullIndex(c.concept()));
      g.writeNumberField("activation", c.activation());
      g.writeNumberField("weight", c.weight());
      g.writeNumberField("contribution", c.contribution());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void embedding(JsonGenerator g, float[] x) throws IOException {
    g.writeArrayFieldStart("embedding");
    for (float v : x) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  static byte[] predict(ModelService.InferenceResult r, int top, boolean withEmbedding) {
    return json(g -> {
      g.writeStartObject();
      modelRef(g, r.model());
      classes(g, r.model().model, r.prediction(), top);
      contributions(g, "contributions", r.explanation().contributions(), top, r.model());
      if (withEmbedding) {
        embedding(g, r.embedding());
      }
      g.writeEndObject();
    });
  }

  static byte[] explain(ModelService.InferenceResult r, int top, boolean withEmbedding) {
    return json(g -> {
      Explanation e = r.explanation();
      ConceptBottleneckModel model = r.model().fast;
      g.writeStartObject();
      modelRef(g, r.model());
      classes(g, model, r.prediction(), top);
      g.writeObjectFieldStart("explained");
      g.writeStringField("class", e.explainedClassName());
      g.writeNumberField("index", e.explainedClass());
      g.writeNumberField("logit", e.logit());
      g.writeNumberField("bias", e.bias());
      g.writeNumberField("residual", e.residual());
      double sum = 0;
      for (Contribution c : e.contributions()) {
        sum += c.contribution();
      }
      g.writeNumberField("sum_contributions", sum);
      g.writeNumberField("non_zero_weights", e.contributions().size());
      g.writeEndObject();
      contributions(g, "contributions", e.contributions(), Integer.MAX_VALUE, r.model());
      float[] acts = r.prediction().activations();
      int[] order = topIndices(absolute(acts), Math.min(top, acts.length));
      g.writeArrayFieldStart("top_activations");
      for (int j : order) {
        String text = model.concepts().get(j).text();
        g.writeStartObject();
        g.writeStringField("concept", text);
        g.writeStringField("label", acts[j] < 0 ? "NOT " + text : text);
        g.writeNumberField("index", r.model().fullIndex(j));
        g.writeNumberField("activation", acts[j]);
        g.writeEndObject();
      }
      g.writeEndArray();
      if (withEmbedding) {
        embedding(g, r.embedding());
      }
      g.writeEndObject();
    });
  }

  private static float[] absolute(float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.abs(v[i]);
    }
    return out;
  }

  static byte[] intervene(ModelService.InterveneResult r, int top, boolean withEmbedding) {
    return json(g -> {
      ConceptBottleneckModel model = r.model().model;
      g.writeStartObject();
      modelRef(g, r.model());
      g.writeArrayFieldStart("interventions");
      for (ModelService.Applied a : r.applied()) {
        g.writeStartObject();
        g.writeStringField("concept", a.text());
        g.writeNumberField("index", a.concept());
        g.writeStringField("kind", a.kind());
        g.writeNumberField("before", a.before());
        g.writeNumberField("after", a.after());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("before");
      classes(g, model, r.result().before(), top);
      contributions(g, "contributions", r.before().contributions(), top);
      g.writeEndObject();
      g.writeObjectFieldStart("after");
      classes(g, model, r.result().after(), top);
      contributions(g, "contributions", r.after().contributions(), top);
      g.writeEndObject();
      g.writeBooleanField("changed", r.result().changedPrediction());
      if (withEmbedding) {
        embedding(g, r.embedding());
      }
      g.writeEndObject();
    });
  }

  static byte[] edit(ModelService.EditResult r) {
    return json(g -> {
      g.writeStartObject();
      modelRef(g, r.created());
      g.writeNumberField("base_version", r.base().version);
      g.writeArrayFieldStart("edits");
      for (ModelEdit e : r.edits()) {
        g.writeObject(e.describe());
      }
      g.writeEndArray();
      g.writeNumberField("num_concepts", r.created().model.numConcepts());
      g.writeNumberField("non_zero_weights", r.created().nonZeros());
      if (r.dataset() == null) {
        g.writeNullField("validation");
      } else {
        g.writeObjectFieldStart("validation");
        g.writeStringField("dataset", r.dataset());
        writeNullable(g, "accuracy_before", r.accuracyBefore());
        writeNullable(g, "accuracy_after", r.accuracyAfter());
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  private static void writeNullable(JsonGenerator g, String field, Double v) throws IOException {
    if (v == null) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, v);
    }
  }

  static byte[] concepts(ServedModel m) {
    byte[] cached = m.conceptsJson;
    if (cached != null) {
      return cached;
    }
    cached = json(g -> {
      g.writeStartObject();
      modelRef(g, m);
      g.writeArrayFieldStart("concepts");
      var cs = m.model.concepts();
      for (int j = 0; j < cs.size(); j++) {
        var c = cs.get(j);
        g.writeStartObject();
        g.writeNumberField("index", j);
        g.writeStringField("concept", c.text());
        g.writeStringField("source", c.source());
        g.writeStringField("proposed_by", c.proposedBy());
        g.writeNumberField("classes_using", m.conceptUse[j]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
    m.conceptsJson = cached;
    return cached;
  }

  /** The class × concept weight matrix in coordinate form: only non-zero weights, as [class, concept, weight]. */
  static byte[] weights(ServedModel m) {
    byte[] cached = m.weightsJson;
    if (cached != null) {
      return cached;
    }
    cached = json(g -> {
      g.writeStartObject();
      modelRef(g, m);
      g.writeStringField("format", "coo");
      g.writeArrayFieldStart("classes");
      for (String c : m.model.classNames()) {
        g.writeString(c);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("concepts");
      for (var c : m.model.concepts().concepts()) {
        g.writeString(c.text());
      }
      g.writeEndArray();
      g.writeNumberField("max_abs_weight", m.maxAbsWeight);
      g.writeNumberField("non_zero_weights", m.nonZeros());
      g.writeArrayFieldStart("entries");
      for (int c = 0; c < m.model.numClasses(); c++) {
        for (int p = m.rowStart[c]; p < m.rowStart[c + 1]; p++) {
          g.writeStartArray();
          g.writeNumber(c);
          g.writeNumber(m.cols[p]);
          g.writeNumber(m.vals[p]);
          g.writeEndArray();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    });
    m.weightsJson = cached;
    return cached;
  }

  static byte[] classWeights(ServedModel m, int c) {
    return json(g -> {
      g.writeStartObject();
      modelRef(g, m);
      g.writeStringField("class", m.model.classNames().get(c));
      g.writeNumberField("index", c);
      g.writeNumberField("bias", m.model.head().bias()[c]);
      int from = m.rowStart[c];
      int to = m.rowStart[c + 1];
      Integer[] order = new Integer[to - from];
      for (int i = 0; i < order.length; i++) {
        order[i] = from + i;
      }
      java.util.Arrays.sort(order, (a, b) -> {
        int cmp = Float.compare(Math.abs(m.vals[b]), Math.abs(m.vals[a]));
        return cmp != 0 ? cmp : Integer.compare(m.cols[a], m.cols[b]);
      });
      g.writeArrayFieldStart("weights");
      for (int p : order) {
        g.writeStartObject();
        g.writeStringField("concept", m.model.concepts().get(m.cols[p]).text());
        g.writeNumberField("index", m.cols[p]);
        g.writeNumberField("weight", m.vals[p]);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  static Map<String, Object> provenance(ServedModel m) {
    return ModelStore.provenanceToJson(m.model.provenance());
  }
}
