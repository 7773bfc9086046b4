package dev.glassbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.math.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
 * mapping each tensor name to its dtype, shape and byte range, optional string metadata under
 * {@code __metadata__}, then the raw little-endian data. Glassbox writes F32 (or F16) and reads F32,
 * F16, BF16 and F64 as float32. Reading never executes anything and checks every offset.
 */
public final class Safetensors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER = 100L << 20;

  private Safetensors() {}

  /** The content of a safetensors file. */
  public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  /** Writes tensors (in the map's order) as F32 and the metadata, atomically. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    write(file, tensors, metadata, NpyDtype.FLOAT32);
  }

  /** Writes tensors as F32 or F16, atomically. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, NpyDtype dtype) throws IOException {
    if (dtype != NpyDtype.FLOAT32 && dtype != NpyDtype.FLOAT16) {
      throw new IllegalArgumentException("safetensors are written as F32 or F16, not " + dtype);
    }
    ObjectNode header = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      // Sorted: callers pass Map.of, whose order changes from one JVM to the next, and the same
      // model must give the same bytes (its manifest records their hash).
      ObjectNode meta = header.putObject("__metadata__");
      new TreeMap<>(metadata).forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      if (e.getKey().equals("__metadata__")) {
        throw new IllegalArgumentException("a tensor cannot be named __metadata__");
      }
      ObjectNode t = header.putObject(e.getKey());
      t.put("dtype", dtype == NpyDtype.FLOAT32 ? "F32" : "F16");
      var shape = t.putArray("shape");
      for (int s : e.getValue().shape()) {
        shape.add(s);
      }
      long bytes = (long) e.getValue().data().length * dtype.size();
      var off = t.putArray("data_offsets");
      off.add(offset);
      off.add(offset + bytes);
      offset += bytes;
    }
    byte[] hb = JSON.writeValueAsBytes(header);
    int padded = (hb.length + 7) / 8 * 8;
    byte[] h = new byte[padded];
    System.arraycopy(hb, 0, h, 0, hb.length);
    for (int i = hb.length; i < padded; i++) {
      h[i] = ' ';
    }
    AtomicFiles.write(file, out -> {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
      len.flip();
      out.write(len);
      out.write(ByteBuffer.wrap(h));
      for (Tensor t : tensors.values()) {
        Npy.writeRows(out, t.data(), 0, t.data().length, dtype);
      }
    });
  }

  /** Reads every tensor as float32, checking the header and every byte range against the file. */
  public static Contents read(Path file) throws IOException {
    try (FileChannel ch = Npy.open(file)) {
      return read(file, ch.size(), (b, pos) -> NpyHeader.readFully(ch, b, pos));
    }
  }

  /**
   * Reads every tensor of a safetensors file held in memory (a class-path resource, say) as
   * float32, with the same checks as {@link #read(Path)}; {@code source} names it in messages.
   */
  public static Contents read(byte[] data, String source) throws IOException {
    return read(Path.of(source), data.length, (b, pos) -> {
      if (pos + b.remaining() > data.length) {
        throw new java.io.EOFException(source + " ends at byte " + data.length + ", before " + (pos + b.remaining()));
      }
      b.put(data, (int) pos, b.remaining());
    });
  }

  /** Fills {@code b} from byte {@code pos} of the source. */
  @FunctionalInterface
  private interface PositionalReader {
    void readFully(ByteBuffer b, long pos) throws IOException;
  }

  private static Contents read(Path file, long size, PositionalReader ch) throws IOException {
    if (size < 8) {
      throw new NpyFormatException(file, "is truncated: " + size + " bytes, too short for a safetensors header");
    }
    ByteBuffer lb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    ch.readFully(lb, 0);
    lb.flip();
    long hlen = lb.getLong();
    if (hlen < 2 || hlen > MAX_HEADER) {
      throw new NpyFormatException(file, "has an implausible safetensors header length " + hlen + " (is it a safetensors file?)");
    }
    if (8 + hlen > size) {
      throw new NpyFormatException(file, "is truncated: its header needs " + (8 + hlen) + " bytes, the file has " + size);
    }
    ByteBuffer hb = ByteBuffer.allocate((int) hlen);
    ch.readFully(hb, 8);
    JsonNode header;
    try {
      header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8).strip());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new NpyFormatException(file, "has a safetensors header that is not valid JSON: " + Json.problem(e));
    }
    if (header == null || !header.isObject()) {
      throw new NpyFormatException(file, "has a safetensors header that is not a JSON object");
    }
    long dataStart = 8 + hlen;
    long dataLen = size - dataStart;
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    Map<String, String> meta = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = header.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (name.equals("__metadata__")) {
        v.fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      String dtype = v.path("dtype").asText("");
      int es = switch (dtype) {
        case "F32" -> 4;
        case "F16", "BF16" -> 2;
        case "F64" -> 8;
        default -> throw new NpyFormatException(file, "tensor '" + name + "' has dtype '" + dtype + "'; Glassbox reads F32, F16, BF16 and F64");
      };
      List<Integer> shape = new ArrayList<>();
      long count = 1;
      for (JsonNode s : v.path("shape")) {
        if (!s.canConvertToInt() || s.asInt() < 0) {
          throw new NpyFormatException(file, "tensor '" + name + "' has a bad shape " + v.path("shape"));
        }
        shape.add(s.asInt());
        count *= s.asInt();
      }
      JsonNode off = v.path("data_offsets");
      if (off.size() != 2) {
        throw new NpyFormatException(file, "tensor '" + name + "' has no data_offsets [begin, end]");
      }
      long begin = off.get(0).asLong();
      long end = off.get(1).asLong();
      if (begin < 0 || end < begin || end > dataLen) {
        throw new NpyFormatException(file, "is truncated or corrupt: tensor '" + name + "' claims bytes [" + begin + ", " + end
            + ") but the data section has " + dataLen + " bytes");
      }
      if (end - begin != count * es) {
        throw new NpyFormatException(file, "tensor '" + name + "' has shape " + shape + " of " + dtype + " (" + count * es
            + " bytes) but its byte range holds " + (end - begin));
      }
      if (count > Integer.MAX_VALUE - 8) {
        throw new NpyFormatException(file, "tensor '" + name + "' has " + count + " values, more than Glassbox loads at once");
      }
      float[] data = new float[(int) count];
      ByteBuffer b = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
      ch.readFully(b, dataStart + begin);
      b.flip();
      switch (dtype) {
        case "F32" -> b.asFloatBuffer().get(data);
        case "F16" -> {
          for (int i = 0; i < data.length; i++) {
            data[i] = Half.toFloat(b.getShort());
          }
        }
        case "BF16" -> {
          for (int i = 0; i < data.length; i++) {
            data[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
          }
        }
        default -> {
          for (int i = 0; i < data.length; i++) {
            data[i] = (float) b.getDouble();
          }
        }
      }
      tensors.put(name, new Tensor(shape.stream().mapToInt(Integer::intValue).toArray(), data));
    }
    return new Contents(tensors, meta);
  }
}
