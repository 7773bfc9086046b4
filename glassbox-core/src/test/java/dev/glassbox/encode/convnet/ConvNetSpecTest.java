package dev.glassbox.encode.convnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvNetSpecTest {
  @Test
  void theDefaultTowerIsSmallEnoughToShipAndEndsInAFourByFourMap() {
    ConvNetSpec s = ConvNetSpec.defaults(384);
    assertThat(s.inSide(5)).isEqualTo(4);
    assertThat(s.featureChannels()).isEqualTo(256);
    assertThat(s.parameterCount()).isEqualTo(491_296L);
    // float16 storage: 2 bytes per parameter, well under 5 MB.
    assertThat(s.parameterCount() * 2).isLessThan(5_000_000L);
    assertThat(s.tensorShapes()).containsKeys("stages.0.weight", "stages.4.bias", "projection.weight", "projection.bias");
    assertThat(s.tensorShapes().get("stages.1.weight")).containsExactly(32, 16, 3, 3);
    assertThat(s.tensorShapes().get("projection.weight")).containsExactly(384, 256);
  }

  @Test
  void jsonRoundTripsAndRecordsTheFormat() {
    ConvNetSpec s = ConvNetSpec.defaults(384);
    Map<String, Object> json = s.toJson();
    assertThat(json).containsEntry("format", "glassbox-convnet").containsEntry("formatVersion", 1);
    assertThat(ConvNetSpec.fromJson(json, "a.json")).isEqualTo(s);
  }

  @Test
  void aNewerFormatVersionIsRefusedByName() {
    Map<String, Object> json = new LinkedHashMap<>(ConvNetSpec.defaults(8).toJson());
    json.put("formatVersion", 2);
    assertThatThrownBy(() -> ConvNetSpec.fromJson(json, "arch.json"))
        .hasMessage("arch.json has convnet format version 2, newer than the 1 this Glassbox reads; upgrade Glassbox");
  }

  @Test
  void anotherFormatOrABadFieldIsRefusedNamingTheField() {
    Map<String, Object> other = new LinkedHashMap<>(ConvNetSpec.defaults(8).toJson());
    other.put("format", "onnx");
    assertThatThrownBy(() -> ConvNetSpec.fromJson(other, "arch.json"))
        .hasMessage("arch.json is not a Glassbox convnet architecture: its \"format\" is \"onnx\", expected \"glassbox-convnet\"");
    Map<String, Object> noDim = new LinkedHashMap<>(ConvNetSpec.defaults(8).toJson());
    noDim.remove("embeddingDim");
    assertThatThrownBy(() -> ConvNetSpec.fromJson(noDim, "arch.json"))
        .hasMessage("arch.json: \"embeddingDim\" must be an integer, got nothing");
    Map<String, Object> badStage = new LinkedHashMap<>(ConvNetSpec.defaults(8).toJson());
    badStage.put("stages", List.of(Map.of("outChannels", 8, "kernel", 4, "stride", 2)));
    assertThatThrownBy(() -> ConvNetSpec.fromJson(badStage, "arch.json"))
        .hasMessage("arch.json: stages[0]: convnet stage kernel must be odd and in [1, 7], got 4");
    Map<String, Object> gelu = new LinkedHashMap<>(ConvNetSpec.defaults(8).toJson());
    gelu.put("block", "conv-gelu");
    assertThatThrownBy(() -> ConvNetSpec.fromJson(gelu, "arch.json"))
        .hasMessage("arch.json has \"block\": \"conv-gelu\"; this Glassbox runs only \"conv-batchnorm(folded)-relu\"");
    Map<String, Object> badMean = new LinkedHashMap<>(ConvNetSpec.defaults(8).toJson());
    badMean.put("mean", List.of(0.5, 0.5));
    assertThatThrownBy(() -> ConvNetSpec.fromJson(badMean, "arch.json"))
        .hasMessage("arch.json: convnet mean must be 3 values (R, G, B), got [0.5, 0.5]");
  }

  @Test
  void deepStridesShrinkTheMapToOnePixelButNeverToNothing() {
    ConvNetSpec s = new ConvNetSpec(16, new float[3], new float[] {1, 1, 1},
        List.of(new ConvNetSpec.Stage(4, 7, 4), new ConvNetSpec.Stage(4, 7, 4), new ConvNetSpec.Stage(4, 1, 4)), 8);
    assertThat(s.inSide(1)).isEqualTo(4);
    assertThat(s.inSide(2)).isEqualTo(1);
    assertThat(s.inSide(3)).isEqualTo(1);
    assertThat(s.multiplyAdds()).isEqualTo(4L * 4 * 4 * 3 * 49 + 4 * 4 * 49 + 4 * 4 + 8 * 4);
  }
}
