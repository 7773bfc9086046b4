package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.math.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir
  Path tmp;

  @Test
  void metadataIsWrittenInKeyOrderSoTheSameModelGivesTheSameBytes() throws Exception {
    Map<String, Tensor> t = Map.of("w", new Tensor(new int[] {2}, new float[] {1, 2}));
    Path f = tmp.resolve("meta.safetensors");
    Safetensors.write(f, t, Map.of("zeta", "1", "alpha", "2", "mu", "3", "beta", "4", "omega", "5", "kappa", "6"));
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] header = new byte[(int) b.getLong()];
    b.get(header);
    String h = new String(header, StandardCharsets.UTF_8);
    int last = -1;
    for (String k : new String[] {"alpha", "beta", "kappa", "mu", "omega", "zeta"}) {
      int at = h.indexOf("\"" + k + "\"");
      assertThat(at).as("%s after the key before it in %s", k, h).isGreaterThan(last);
      last = at;
    }
  }

  @Test
  void roundTripsTensorsAndMetadata() throws Exception {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("w", new Tensor(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
    t.put("b", new Tensor(new int[] {2}, new float[] {-1, 0.5f}));
    t.put("scalar", new Tensor(new int[] {}, new float[] {7}));
    Path f = tmp.resolve("m.safetensors");
    Safetensors.write(f, t, Map.of("k", "v"));
    Safetensors.Contents c = Safetensors.read(f);
    assertThat(c.tensors()).isEqualTo(t);
    assertThat(c.metadata()).containsEntry("k", "v");
    // The header length is a multiple of 8, as the format recommends.
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getLong() % 8).isZero();
  }

  @Test
  void readsHandWrittenF16AndBf16() throws Exception {
    String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},\"bf\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[4,6]}}";
    byte[] hb = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + hb.length + 6).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(hb.length).put(hb).putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x3fc0);
    Path f = tmp.resolve("h.safetensors");
    Files.write(f, b.array());
    Safetensors.Contents c = Safetensors.read(f);
    assertThat(c.tensors().get("h").data()).containsExactly(1f, -2f);
    assertThat(c.tensors().get("bf").data()).containsExactly(1.5f);
  }

  @Test
  void readsTheSameTensorsFromBytesInMemory() throws Exception {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("w", new Tensor(new int[] {2, 2}, new float[] {1, -2, 3.5f, 4}));
    Path f = tmp.resolve("m16.safetensors");
    Safetensors.write(f, t, Map.of("format", "x"), NpyDtype.FLOAT16);
    Safetensors.Contents c = Safetensors.read(Files.readAllBytes(f), "classpath:/m16.safetensors");
    assertThat(c.tensors()).isEqualTo(Safetensors.read(f).tensors()).isEqualTo(t);
    assertThat(c.metadata()).containsEntry("format", "x");
    byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(f), (int) Files.size(f) - 2);
    assertThatThrownBy(() -> Safetensors.read(cut, "classpath:/cut.safetensors"))
        .hasMessageContaining("classpath:/cut.safetensors is truncated or corrupt: tensor 'w' claims bytes [0, 8)");
  }

  @Test
  void rejectsOffsetsBeyondTheFile() throws Exception {
    String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
    byte[] hb = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + hb.length + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(hb.length).put(hb);
    Path f = tmp.resolve("short.safetensors");
    Files.write(f, b.array());
    assertThatThrownBy(() -> Safetensors.read(f)).hasMessageContaining("short.safetensors is truncated or corrupt: tensor 'x' claims bytes [0, 16)");
  }

  @Test
  void rejectsANonSafetensorsFile() throws Exception {
    Path f = tmp.resolve("text.safetensors");
    Files.writeString(f, "hello world, this is not a tensor file");
    assertThatThrownBy(() -> Safetensors.read(f)).hasMessageContaining("implausible safetensors header length");
  }
}
