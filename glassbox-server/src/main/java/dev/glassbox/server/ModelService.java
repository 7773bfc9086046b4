package dev.glassbox.server;

import dev.glassbox.data.Split;
import dev.glassbox.edit.EditedMetrics;
import dev.glassbox.edit.ModelEdit;
import dev.glassbox.edit.ModelEditor;
import dev.glassbox.encode.ImageEncoder;
import dev.glassbox.encoders.image.DecodedImage;
import dev.glassbox.encoders.image.ImageDecodeException;
import dev.glassbox.encoders.image.ImageDecoder;
import dev.glassbox.evaluate.Evaluator;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.Explanation;
import dev.glassbox.intervene.Intervention;
import dev.glassbox.intervene.InterventionResult;
import dev.glassbox.intervene.Interventions;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.model.ConceptBottleneckModel;
import dev.glassbox.model.Prediction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the API does, free of HTTP: requests come in as {@link Requests} records, results go out as
 * records that {@link Responses} writes. Validation failures are {@link ApiException}s naming the
 * field at fault. Thread-safe; models are immutable and looked up once per request.
 */
final class ModelService {
  private final ModelRegistry registry;
  private final ImageEncoders encoders;
  private final ImageDecoder decoder;
  private final Map<String, DatasetStore.Stored> validation;

  ModelService(ModelRegistry registry, ImageEncoders encoders, ImageDecoder decoder, Map<String, DatasetStore.Stored> validation) {
    this.registry = registry;
    this.encoders = encoders;
    this.decoder = decoder;
    this.validation = validation;
  }

  ModelRegistry registry() {
    return registry;
  }

  /**
   * A prediction with its explanation of the explained class ({@code explanation.contributions} are
   * every non-zero one). Both are computed on {@link ServedModel#fast}: concept indices and
   * activations are those of the concepts the head uses ({@link ServedModel#fullIndex} maps back).
   */
  record InferenceResult(ServedModel model, float[] embedding, Prediction prediction, Explanation explanation) {}

  /** An intervention: the prediction before and after, each explained for its own predicted class. */
  record InterveneResult(ServedModel model, float[] embedding, InterventionResult result, List<Applied> applied,
      Explanation before, Explanation after) {}

  /** One concept changed by an intervention. */
  record Applied(int concept, String text, String kind, float before, float after) {}

  /** A saved edit: the version it was applied to, the version it made, and validation accuracy around it. */
  record EditResult(ServedModel base, ServedModel created, List<ModelEdit> edits, Double accuracyBefore, Double accuracyAfter,
      String dataset) {}

  InferenceResult infer(Requests.Inference r, long deadlineNanos) {
    ServedModel m = registry.get(r.model(), r.version());
    float[] x = embedding(m, r.input(), deadlineNanos);
    int cls = -1;
    if (r.explainClass() != null) {
      cls = m.classIndex(r.explainClass());
      if (cls < 0) {
        throw ApiException.badRequest("explain_class", "model '" + m.name + "' has no class '" + ModelNames.shorten(r.explainClass())
            + "'; GET /v1/models/" + m.name + " lists its classes");
      }
    }
    Prediction p = m.fast.predict(x);
    Explanation e = Explainer.explain(m.fast, p, x, m.fast.numConcepts(), cls);
    return new InferenceResult(m, x, p, e);
  }

  InterveneResult intervene(Requests.Intervene r, long deadlineNanos) {
    ServedModel m = registry.get(r.model(), r.version());
    List<Intervention> ivs = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    for (String z : r.zero()) {
      int j = m.conceptIndex(z);
      if (j < 0) {
        throw unknownConcept(m, "zero[" + ivs.size() + "]", z);
      }
      ivs.add(new Intervention.ZeroConcept(j));
      kinds.add("zero");
    }
    for (Map.Entry<String, Float> s : r.set().entrySet()) {
      int j = m.conceptIndex(s.getKey());
      if (j < 0) {
        throw unknownConcept(m, "set." + s.getKey(), s.getKey());
      }
      ivs.add(new Intervention.SetConcept(j, s.getValue()));
      kinds.add("set");
    }
    if (ivs.isEmpty()) {
      throw ApiException.badRequest("set", "give at least one intervention: \"set\": {\"concept\": value} or \"zero\": [\"concept\"]");
    }
    float[] x = embedding(m, r.input(), deadlineNanos);
    InterventionResult res = Interventions.apply(m.model, x, ivs);
    List<Applied> applied = new ArrayList<>(ivs.size());
    for (int i = 0; i < ivs.size(); i++) {
      int j = ivs.get(i).concept();
      applied.add(new Applied(j, m.model.concepts().get(j).text(), kinds.get(i), res.before().activations()[j],
          res.after().activations()[j]));
    }
    int k = m.model.numConcepts();
    Explanation before = Explainer.explain(m.model, res.before(), x, k, -1);
    Explanation after = Explainer.explain(m.model, res.after(), x, k, -1);
    return new InterveneResult(m, x, res, applied, before, after);
  }

  /** Attempts at an edit while other edits keep creating newer versions, before giving up with 409. */
  private static final int EDIT_ATTEMPTS = 64;

  /**
   * Applies the edits to the latest version (or to {@code base_version}, which must then still be
   * the latest) and saves the result as the next version. Edits of one model are applied one after
   * another: when another edit saved a newer version meanwhile, these edits are applied again on
   * top of it, so no edit is lost; with {@code base_version} the request gets 409 instead.
   */
  EditResult edit(Requests.Edit r) throws IOException {
    ServedModel base = r.baseVersion() == null ? registry.get(r.model()) : registry.get(r.model(), r.baseVersion());
    for (int attempt = 1; ; attempt++) {
      List<ModelEdit> edits = edits(base, r);
      ConceptBottleneckModel edited = base.model;
      for (ModelEdit e : edits) {
        edited = ModelEditor.apply(edited, e);
      }
      DatasetStore.Stored data = validation.get(base.name);
      EditedMetrics.Updated updated = EditedMetrics.update(base.model, edited, data == null ? null : data.dataset());
      ServedModel created;
      try {
        created = registry.saveVersion(base.name, base.version, updated.model());
      } catch (ModelRegistry.EditConflict c) {
        if (r.baseVersion() != null) {
          throw ApiException.conflict("base_version", "model '" + base.name + "' is at version " + c.newest + ", not base_version "
              + r.baseVersion() + "; read it (GET /v1/models/" + base.name + ") and send the edit again");
        }
        if (attempt >= EDIT_ATTEMPTS) {
          throw ApiException.conflict("name", "model '" + base.name + "' kept getting newer versions from other edits (" + attempt
              + " attempts); send the edit again");
        }
        base = registry.get(base.name, c.newest);
        continue;
      }
      // Measured once, when the metrics were updated; the new version keeps its figure.
      created.valAccuracy = updated.accuracyAfter();
      return new EditResult(base, created, edits, updated.accuracyBefore(), updated.accuracyAfter(),
          data == null ? null : data.dataset().name());
    }
  }

  /** The request's edits, each checked against {@code base}: its class and concepts must exist. */
  private List<ModelEdit> edits(ServedModel base, Requests.Edit r) {
    if (r.className() != null && base.classIndex(r.className()) < 0) {
      throw ApiException.badRequest("class", "model '" + base.name + "' has no class '" + ModelNames.shorten(r.className())
          + "'; its classes are listed by GET /v1/models/" + base.name);
    }
    List<ModelEdit> edits = new ArrayList<>();
    for (int i = 0; i < r.zero().size(); i++) {
      String c = r.zero().get(i);
      requireConcept(base, "zero[" + i + "]", c);
      edits.add(new ModelEdit.ZeroWeight(c, r.className()));
    }
    for (Map.Entry<String, Double> e : r.reweight().entrySet()) {
      requireConcept(base, "reweight." + e.getKey(), e.getKey());
      edits.add(new ModelEdit.Reweight(e.getKey(), r.className(), e.getValue()));
    }
    for (int i = 0; i < r.remove().size(); i++) {
      String c = r.remove().get(i);
      requireConcept(base, "remove[" + i + "]", c);
      if (r.className() != null) {
        throw ApiException.badRequest("class", "\"remove\" takes a concept out of the whole model; it cannot be limited to one class "
            + "(use \"zero\" with \"class\" for that)");
      }
      edits.add(new ModelEdit.RemoveConcept(c));
    }
    if (edits.isEmpty()) {
      throw ApiException.badRequest("zero", "give at least one edit: \"zero\": [...], \"remove\": [...] or \"reweight\": {...}");
    }
    if (r.remove().size() >= base.model.numConcepts() || new java.util.HashSet<>(r.remove()).size() != r.remove().size()) {
      throw ApiException.badRequest("remove", "\"remove\" must name distinct concepts and leave at least one of the model's "
          + base.model.numConcepts());
    }
    return edits;
  }

  /** Validation accuracy of a served version on its configured dataset, or null when none is configured. */
  Double validationAccuracy(ServedModel m) {
    DatasetStore.Stored data = validation.get(m.name);
    return data == null ? null : accuracy(m, data);
  }

  private static Double accuracy(ServedModel m, DatasetStore.Stored data) {
    Double cached = m.valAccuracy;
    if (cached == null) {
      double acc = Evaluator.evaluate(m.model, data.dataset(), Split.VALIDATION).top1();
      cached = Double.isFinite(acc) ? acc : null;
      m.valAccuracy = cached;
    }
    return cached;
  }

  private float[] embedding(ServedModel m, Requests.Input in, long deadlineNanos) {
    if (in instanceof Requests.EmbeddingInput e) {
      float[] x = e.values();
      if (x.length != m.model.inputDim()) {
        throw ApiException.badRequest("embedding", "embedding has " + x.length + " values but model '" + m.name + "' (version "
            + m.version + ") reads " + m.model.inputDim() + "-d embeddings" + encoderHint(m));
      }
      return x;
    }
    Requests.ImageInput img = (Requests.ImageInput) in;
    ImageEncoder enc = encoders.forModel(m);
    DecodedImage decoded;
    try {
      decoded = decoder.decode(img.bytes(), img.source());
    } catch (ImageDecodeException e) {
      String msg = e.getMessage();
      throw switch (e.reason()) {
        case TOO_LARGE -> ApiException.tooLarge("image", msg);
        default -> ApiException.unprocessable("image", msg + " [" + e.reason().name().toLowerCase(java.util.Locale.ROOT) + "]");
      };
    }
    checkDeadline(deadlineNanos, "decoding the image");
    float[] x = ImageEncoders.embed(enc, decoded);
    checkDeadline(deadlineNanos, "embedding the image");
    return x;
  }

  private static String encoderHint(ServedModel m) {
    var enc = m.model.provenance().encoder();
    return enc == null ? "" : " from the encoder '" + enc.name() + "'";
  }

  static void checkDeadline(long deadlineNanos, String stage) {
    if (System.nanoTime() - deadlineNanos > 0) {
      throw ApiException.timeout("the request took longer than the server's request timeout (" + stage + ")");
    }
  }

  private static void requireConcept(ServedModel m, String field, String concept) {
    if (m.conceptIndex(concept) < 0) {
      throw unknownConcept(m, field, concept);
    }
  }

  private static ApiException unknownConcept(ServedModel m, String field, String concept) {
    return ApiException.badRequest(field, "model '" + m.name + "' (version " + m.version + ") has no concept '"
        + ModelNames.shorten(concept) + "'; GET /v1/models/" + m.name + "/concepts lists them");
  }
}
