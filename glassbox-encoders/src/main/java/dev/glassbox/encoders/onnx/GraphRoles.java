package dev.glassbox.encoders.onnx;

import ai.onnxruntime.OnnxJavaType;
import dev.glassbox.encoders.onnx.OnnxGraph.Port;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds which inputs and outputs of an exported tower play which role, from names and types: the
 * conventions of Hugging Face exports ({@code pixel_values}, {@code input_ids},
 * {@code attention_mask}, {@code image_embeds}, {@code text_embeds}), OpenCLIP and OpenAI exports
 * (one input, one output, any names), and a configured name that overrides them.
 */
final class GraphRoles {
  private GraphRoles() {}

  /** Roles of a text graph's inputs. */
  record TextInputs(Port ids, Port attentionMask, Port tokenTypeIds, Port positionIds) {}

  static Port imageInput(List<Port> inputs, String configured, String source) {
    if (configured != null) {
      return byName(inputs, configured, source, "input");
    }
    List<Port> floats = inputs.stream().filter(p -> isFloat(p.type()) && p.shape().length == 4).toList();
    Optional<Port> named = floats.stream().filter(p -> p.name().equals("pixel_values")).findFirst();
    if (named.isPresent()) {
      return named.get();
    }
    if (floats.size() == 1 && inputs.size() == 1) {
      return floats.get(0);
    }
    throw new IllegalArgumentException(
        source + " should take one 4-d float image input (batch × 3 × height × width), preferably named pixel_values; "
            + "its inputs are " + describe(inputs) + "; name the right one with \"image_input\" in glassbox-encoder.json");
  }

  static TextInputs textInputs(List<Port> inputs, String configuredIds, String source) {
    Port ids;
    if (configuredIds != null) {
      ids = byName(inputs, configuredIds, source, "input");
    } else {
      List<Port> ints = inputs.stream().filter(p -> isInt(p.type()) && p.shape().length == 2).toList();
      Optional<Port> named = ints.stream().filter(p -> p.name().equals("input_ids")).findFirst();
      if (named.isPresent()) {
        ids = named.get();
      } else if (inputs.size() == 1 && ints.size() == 1) {
        ids = ints.get(0);
      } else {
        throw new IllegalArgumentException(
            source + " should take token ids as a 2-d integer input (batch × tokens), preferably named input_ids; "
                + "its inputs are " + describe(inputs) + "; name the ids input with \"text_input\" in glassbox-encoder.json");
      }
    }
    if (!isInt(ids.type()) || ids.shape().length != 2) {
      throw new IllegalArgumentException(
          source + "'s input '" + ids.name() + "' is " + ids + ", but token ids must be a 2-d int32 or int64 tensor");
    }
    Port mask = null;
    Port types = null;
    Port positions = null;
    for (Port p : inputs) {
      if (p == ids) {
        continue;
      }
      switch (p.name()) {
        case "attention_mask" -> mask = p;
        case "token_type_ids" -> types = p;
        case "position_ids" -> positions = p;
        default -> throw new IllegalArgumentException(
            source + " has the input '" + p.name() + "' besides the token ids '" + ids.name()
                + "'; a text tower may also take attention_mask, token_type_ids and position_ids only");
      }
      if (!isInt(p.type()) || p.shape().length != 2) {
        throw new IllegalArgumentException(source + "'s input " + p + " must be a 2-d integer tensor");
      }
    }
    return new TextInputs(ids, mask, types, positions);
  }

  /** The pooled embedding output: configured, else a conventional name, else the only 2-d float output. */
  static Port embeddingOutput(List<Port> outputs, String configured, String conventional, String source, String key) {
    if (configured != null) {
      return byName(outputs, configured, source, "output");
    }
    List<Port> twoD = outputs.stream().filter(p -> isFloat(p.type()) && p.shape().length == 2).toList();
    for (String name : List.of(conventional, "embeddings", "embedding", "pooled_output", "pooler_output")) {
      Optional<Port> named = twoD.stream().filter(p -> p.name().equals(name)).findFirst();
      if (named.isPresent()) {
        return named.get();
      }
    }
    if (twoD.size() == 1) {
      return twoD.get(0);
    }
    throw new IllegalArgumentException(
        source + " should give one 2-d float output (batch × dim) holding the pooled, projected embedding, preferably named "
            + conventional + "; its outputs are " + describe(outputs) + "; name the right one with \"" + key
            + "\" in glassbox-encoder.json");
  }

  private static Port byName(List<Port> ports, String name, String source, String kind) {
    return ports.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
        source + " has no " + kind + " named '" + name + "' (configured in glassbox-encoder.json); its " + kind + "s are "
            + describe(ports)));
  }

  static boolean isFloat(OnnxJavaType t) {
    return t == OnnxJavaType.FLOAT;
  }

  static boolean isInt(OnnxJavaType t) {
    return t == OnnxJavaType.INT64 || t == OnnxJavaType.INT32;
  }

  static String describe(List<Port> ports) {
    return ports.stream().map(Port::toString).collect(Collectors.joining(", ", "[", "]")).toLowerCase(Locale.ROOT);
  }
}
