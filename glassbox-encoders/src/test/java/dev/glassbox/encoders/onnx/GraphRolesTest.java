package dev.glassbox.encoders.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxJavaType;
import dev.glassbox.encoders.onnx.OnnxGraph.Port;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphRolesTest {
  private static Port port(String name, OnnxJavaType type, long... shape) {
    return new Port(name, type, shape);
  }

  private static final Port PIXELS = port("pixel_values", OnnxJavaType.FLOAT, -1, 3, 224, 224);
  private static final Port IDS = port("input_ids", OnnxJavaType.INT64, -1, 77);
  private static final Port MASK = port("attention_mask", OnnxJavaType.INT64, -1, 77);

  @Test
  void findsHuggingFaceNames() {
    assertThat(GraphRoles.imageInput(List.of(PIXELS), null, "g")).isEqualTo(PIXELS);
    GraphRoles.TextInputs in = GraphRoles.textInputs(List.of(MASK, IDS), null, "g");
    assertThat(in.ids()).isEqualTo(IDS);
    assertThat(in.attentionMask()).isEqualTo(MASK);
    assertThat(in.tokenTypeIds()).isNull();
  }

  @Test
  void acceptsAnyNameForASingleInputGraph() {
    Port image = port("image", OnnxJavaType.FLOAT, 1, 3, 224, 224);
    assertThat(GraphRoles.imageInput(List.of(image), null, "g")).isEqualTo(image);
    Port text = port("text", OnnxJavaType.INT32, -1, -1);
    assertThat(GraphRoles.textInputs(List.of(text), null, "g").ids()).isEqualTo(text);
  }

  @Test
  void takesTheOnlyTwoDimensionalOutputOrTheConventionalName() {
    Port hidden = port("last_hidden_state", OnnxJavaType.FLOAT, -1, 77, 512);
    Port pooled = port("output", OnnxJavaType.FLOAT, -1, 512);
    assertThat(GraphRoles.embeddingOutput(List.of(hidden, pooled), null, "text_embeds", "g", "text_output")).isEqualTo(pooled);
    Port embeds = port("text_embeds", OnnxJavaType.FLOAT, -1, 512);
    Port pooler = port("pooler_output", OnnxJavaType.FLOAT, -1, 768);
    assertThat(GraphRoles.embeddingOutput(List.of(hidden, pooler, embeds), null, "text_embeds", "g", "text_output"))
        .isEqualTo(embeds);
  }

  @Test
  void ambiguousGraphsAskForAConfiguredName() {
    Port a = port("a", OnnxJavaType.FLOAT, -1, 3, 224, 224);
    Port b = port("b", OnnxJavaType.FLOAT, -1, 3, 224, 224);
    assertThatThrownBy(() -> GraphRoles.imageInput(List.of(a, b), null, "model/image.onnx"))
        .hasMessageContaining("model/image.onnx")
        .hasMessageContaining("\"image_input\"");
    assertThat(GraphRoles.imageInput(List.of(a, b), "b", "g")).isEqualTo(b);
    Port x = port("x", OnnxJavaType.FLOAT, -1, 512);
    Port y = port("y", OnnxJavaType.FLOAT, -1, 512);
    assertThatThrownBy(() -> GraphRoles.embeddingOutput(List.of(x, y), null, "image_embeds", "g", "image_output"))
        .hasMessageContaining("\"image_output\"");
  }

  @Test
  void rejectsUnknownExtraTextInputs() {
    Port extra = port("pixel_values", OnnxJavaType.FLOAT, -1, 3, 224, 224);
    assertThatThrownBy(() -> GraphRoles.textInputs(List.of(IDS, extra), null, "combined.onnx"))
        .hasMessageContaining("combined.onnx has the input 'pixel_values'");
  }

  @Test
  void rejectsFloatTokenIds() {
    Port floatIds = port("input_ids", OnnxJavaType.FLOAT, -1, 77);
    assertThatThrownBy(() -> GraphRoles.textInputs(List.of(floatIds), "input_ids", "g"))
        .hasMessageContaining("token ids must be a 2-d int32 or int64 tensor");
  }
}
