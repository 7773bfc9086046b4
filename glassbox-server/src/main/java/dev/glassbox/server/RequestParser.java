package dev.glassbox.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.glassbox.io.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads request bodies with Jackson's streaming parser straight into the values a request needs
 * (an embedding goes into a {@code float[]} with no tree or boxing). Every failure is a 400 that
 * names the field: {@code body} for malformed JSON, {@code embedding[7]} for a bad element, the key
 * itself for an unknown key. JSON's non-standard {@code NaN} and {@code Infinity} tokens are read so
 * that the error can name the element that holds one, then refused like every non-finite value.
 */
final class RequestParser {
  static final int MAX_TOP = 1000;
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .build();

  private RequestParser() {}

  /** The fields of a JSON request body, as parsed; absent fields are null. */
  record Body(float[] embedding, Integer top, String explainClass, Boolean returnEmbedding, Map<String, Float> set,
      List<String> zero, List<String> remove, Map<String, Double> reweight, String className, boolean classGiven, Integer baseVersion) {}

  /** Parses a JSON body, accepting only the {@code allowed} keys. */
  static Body parse(byte[] body, Set<String> allowed) {
    if (body.length == 0) {
      throw ApiException.badRequest("body", "the request body is empty; send a JSON object such as {\"embedding\": [0.1, 0.2]}");
    }
    float[] embedding = null;
    Integer top = null;
    String explainClass = null;
    Boolean returnEmbedding = null;
    Map<String, Float> set = null;
    List<String> zero = null;
    List<String> remove = null;
    Map<String, Double> reweight = null;
    String className = null;
    boolean classGiven = false;
    Integer baseVersion = null;
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ApiException.badRequest("body", "the request body must be a JSON object, got " + describe(p.currentToken()));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (!allowed.contains(key)) {
          throw ApiException.badRequest(key, "unknown field '" + ModelNames.shorten(key) + "'; this request takes " + String.join(", ",
              allowed.stream().sorted().toList()));
        }
        p.nextToken();
        switch (key) {
          case "embedding" -> embedding = floats(p, "embedding");
          case "top" -> top = top(p);
          case "return_embedding" -> returnEmbedding = bool(p, key);
          case "explain_class" -> explainClass = string(p, key, true);
          case "set" -> set = floatMap(p, "set");
          case "zero" -> zero = strings(p, "zero");
          case "remove" -> remove = strings(p, "remove");
          case "reweight" -> reweight = doubleMap(p, "reweight");
          case "class" -> {
            classGiven = true;
            className = string(p, "class", true);
          }
          case "base_version" -> baseVersion = positiveInt(p, "base_version");
          default -> throw new IllegalStateException("allowed key without a reader: " + key);
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw ApiException.badRequest("body", "malformed JSON object");
      }
      if (p.nextToken() != null) {
        throw ApiException.badRequest("body", "unexpected content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body", "malformed JSON: " + Json.problem(e));
    } catch (IOException e) {
      throw ApiException.badRequest("body", "cannot read the JSON body: " + e.getMessage());
    }
    return new Body(embedding, top, explainClass, returnEmbedding, set, zero, remove, reweight, className, classGiven, baseVersion);
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_OBJECT -> "an object";
      default -> t.toString();
    };
  }

  private static float[] floats(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw ApiException.badRequest(field, field + " must be an array of numbers, got " + describe(p.currentToken()));
    }
    float[] buf = new float[512];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      String at = field + "[" + n + "]";
      float v;
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        if (p.isNaN()) {
          throw ApiException.badRequest(at, at + " is " + p.getText() + "; every value must be a finite 32-bit float");
        }
        // Straight from the parser's buffer: no String per number (the embedding is most of the body).
        v = NumberInput.parseFloat(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), true);
      } else if (t == JsonToken.VALUE_STRING) {
        throw ApiException.badRequest(at, at + " must be a number, got the string \"" + ModelNames.shorten(p.getText()) + "\"");
      } else {
        throw ApiException.badRequest(at, at + " must be a number, got " + describe(t));
      }
      if (!Float.isFinite(v)) {
        throw ApiException.badRequest(at, at + " is " + p.getText() + ", beyond the 32-bit float range; every value must be a "
            + "finite 32-bit float");
      }
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, n * 2);
      }
      buf[n++] = v;
    }
    if (n == 0) {
      throw ApiException.badRequest(field, field + " is empty; send the model's input embedding");
    }
    return Arrays.copyOf(buf, n);
  }

  private static Integer top(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw ApiException.badRequest("top", "top must be an integer in [1, " + MAX_TOP + "], got " + describe(p.currentToken()));
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw ApiException.badRequest("top", "top must be in [1, " + MAX_TOP + "], got " + ModelNames.shorten(p.getText()));
    }
    long v = p.getLongValue();
    return checkTop(v, "top");
  }

  static int checkTop(long v, String field) {
    if (v < 1 || v > MAX_TOP) {
      throw ApiException.badRequest(field, field + " must be in [1, " + MAX_TOP + "], got " + v);
    }
    return (int) v;
  }

  private static Integer positiveInt(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
        || p.getLongValue() < 1 || p.getLongValue() > Integer.MAX_VALUE) {
      throw ApiException.badRequest(field, field + " must be a version number ≥ 1, got "
          + (p.currentToken() == JsonToken.VALUE_NUMBER_INT ? ModelNames.shorten(p.getText()) : describe(p.currentToken())));
    }
    return p.getIntValue();
  }

  private static Boolean bool(JsonParser p, String field) {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw ApiException.badRequest(field, field + " must be true or false, got " + describe(t));
    }
    return t == JsonToken.VALUE_TRUE;
  }

  private static String string(JsonParser p, String field, boolean nullable) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL && nullable) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw ApiException.badRequest(field, field + " must be a string, got " + describe(t));
    }
    return p.getText();
  }

  private static List<String> strings(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw ApiException.badRequest(field, field + " must be an array of concept names, got " + describe(p.currentToken()));
    }
    List<String> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) {
        String at = field + "[" + out.size() + "]";
        throw ApiException.badRequest(at, at + " must be a concept name (a string), got " + describe(t));
      }
      out.add(p.getText());
    }
    return out;
  }

  private static Map<String, Float> floatMap(JsonParser p, String field) throws IOException {
    Map<String, Float> out = new LinkedHashMap<>();
    doubleMap(p, field).forEach((k, v) -> {
      float f = v.floatValue();
      if (!Float.isFinite(f)) {
        throw ApiException.badRequest(field + "." + k, field + "." + k + " is " + v + ", beyond the 32-bit float range");
      }
      out.put(k, f);
    });
    return out;
  }

  private static Map<String, Double> doubleMap(JsonParser p, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw ApiException.badRequest(field, field + " must be an object of concept name → number, got " + describe(p.currentToken()));
    }
    Map<String, Double> out = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      String at = field + "." + k;
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_STRING) {
        throw ApiException.badRequest(at, at + " must be a number, got the string \"" + ModelNames.shorten(p.getText()) + "\"");
      }
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw ApiException.badRequest(at, at + " must be a number, got " + describe(t));
      }
      double v = p.getDoubleValue();
      if (!Double.isFinite(v)) {
        throw ApiException.badRequest(at, at + " is " + p.getText() + "; values must be finite");
      }
      out.put(k, v);
    }
    return out;
  }
}
