package dev.glassbox.world.tower;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.encode.TextEncoder;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.Json;
import dev.glassbox.io.Npy;
import dev.glassbox.io.NpyDtype;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.progress.ProgressListener;
import dev.glassbox.util.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Text embeddings of a list of captions, cached on disk: {@code captions-<key>.npy} (float32,
 * {@code [texts × dim]}) and {@code captions-<key>.json} (the encoder and the texts), where the key
 * is the SHA-256 of the encoder's identity and every text in order. A cache entry is used only when
 * its JSON names the same encoder and texts; otherwise the texts are encoded again.
 */
final class CaptionEmbeddingCache {
  private CaptionEmbeddingCache() {}

  static String key(TextEncoder encoder, List<String> texts) {
    MessageDigest md = Hashing.sha256();
    Hashing.update(md, encoder.identity().name());
    Hashing.update(md, encoder.identity().sha256());
    Hashing.update(md, texts.size());
    for (String t : texts) {
      Hashing.update(md, t);
    }
    return Hashing.hex(md.digest());
  }

  /**
   * The embeddings of {@code texts}, from {@code dir} when cached there, otherwise encoded on
   * {@code threads} threads (the encoder must be thread-safe) and then cached. {@code dir} may be
   * null: then nothing is cached.
   */
  static FloatMatrix embed(TextEncoder encoder, List<String> texts, Path dir, int threads, ProgressListener progress)
      throws IOException {
    String key = key(encoder, texts);
    Path npy = dir == null ? null : dir.resolve("captions-" + key.substring(0, 16) + ".npy");
    Path json = dir == null ? null : dir.resolve("captions-" + key.substring(0, 16) + ".json");
    if (npy != null && Files.isRegularFile(npy) && Files.isRegularFile(json)) {
      JsonNode meta = Json.read(json);
      if (key.equals(meta.path("key").asText())) {
        FloatMatrix m = Npy.readMatrix(npy);
        if (m.rows() == texts.size() && m.cols() == encoder.dim()) {
          progress.progress("caption embeddings (cached)", texts.size(), texts.size());
          return m;
        }
      }
    }
    FloatMatrix m = encode(encoder, texts, threads, progress);
    if (dir != null) {
      Files.createDirectories(dir);
      Npy.write(npy, m, NpyDtype.FLOAT32);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("key", key);
      meta.put("encoder", encoder.identity().name());
      meta.put("encoderSha256", encoder.identity().sha256());
      meta.put("dim", encoder.dim());
      meta.put("texts", texts);
      AtomicFiles.write(json, Json.bytes(meta));
    }
    return m;
  }

  private static FloatMatrix encode(TextEncoder encoder, List<String> texts, int threads, ProgressListener progress)
      throws IOException {
    int n = texts.size();
    int dim = encoder.dim();
    float[] out = new float[n * dim];
    int block = 256;
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "glassbox-caption-embeddings");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> parts = new ArrayList<>();
      java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
      for (int start = 0; start < n; start += block) {
        int s = start;
        int m = Math.min(block, n - start);
        parts.add(pool.submit(() -> {
          FloatMatrix e = encoder.encode(texts.subList(s, s + m));
          System.arraycopy(e.data(), 0, out, s * dim, m * dim);
          progress.progress("caption embeddings", done.addAndGet(m), n);
        }));
      }
      for (Future<?> f : parts) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("encoding captions was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("encoding captions failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return FloatMatrix.wrap(n, dim, out);
  }
}
