package dev.glassbox.bench;

import dev.glassbox.encoders.embed.EmbedImagesConfig;
import dev.glassbox.encoders.embed.EmbedImagesResult;
import dev.glassbox.encoders.embed.ImageEmbeddingJob;
import dev.glassbox.encoders.ingest.ImageCollection;
import dev.glassbox.encoders.onnx.ClipModelDirectory;
import dev.glassbox.encoders.onnx.OnnxClipImageEncoder;
import dev.glassbox.encoders.onnx.OnnxConfig;
import dev.glassbox.io.AtomicFiles;
import dev.glassbox.progress.ProgressListener;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Side-by-side timing of {@code glassbox embed images} against the raw ONNX Runtime session time of
 * the same run: generates a folder of photo-sized JPEGs (500 × 375 by default, seeded), embeds it
 * through {@link ImageEmbeddingJob} several times, and reports for each run the wall time (listing,
 * decoding, preprocessing, staging, final write), the sum of {@code session.run} times measured
 * inside the same run, and the overhead ratio {@code (wall − session) / session}; then the median
 * over runs. The first run warms the JIT and is not counted. The machine's load average is printed
 * before and after, since other work on the same cores moves every number.
 *
 * <p>The model is the tiny CLIP test fixture by default, or any model directory ({@code --model}):
 * {@code make_fixtures.py --size b32 --out DIR} writes one with ViT-B/32's shapes and therefore its
 * cost per image (see glassbox-bench/README.md).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp "glassbox-bench/target/glassbox-bench.jar:glassbox-bench/target/lib/*" \
 *   dev.glassbox.bench.EmbedImagesBenchmark [--images 400] [--width 500] [--height 375] [--batch-size 32]
 *   [--threads 1] [--onnx-threads 1] [--runs 5] [--model DIR] [--work DIR]
 * </pre>
 */
public final class EmbedImagesBenchmark {
  private EmbedImagesBenchmark() {}

  public static void main(String[] args) throws Exception {
    int images = 400;
    int width = 500;
    int height = 375;
    int batch = 32;
    int threads = 1;
    int onnxThreads = 1;
    int runs = 5;
    Path model = Path.of("glassbox-encoders/src/test/resources/tiny-clip");
    Path work = Path.of("target/embed-bench");
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--images" -> images = Integer.parseInt(v);
        case "--width" -> width = Integer.parseInt(v);
        case "--height" -> height = Integer.parseInt(v);
        case "--batch-size" -> batch = Integer.parseInt(v);
        case "--threads" -> threads = Integer.parseInt(v);
        case "--onnx-threads" -> onnxThreads = Integer.parseInt(v);
        case "--runs" -> runs = Integer.parseInt(v);
        case "--model" -> model = Path.of(v);
        case "--work" -> work = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path photos = work.resolve("photos-" + images + "-" + width + "x" + height);
    generate(photos, images, width, height);
    EmbedImagesConfig cfg = EmbedImagesConfig.defaults().withBatchSize(batch).withDecodeThreads(threads);
    System.out.printf(Locale.ROOT, "images %d (%d × %d JPEG), model %s, batch %d, decode threads %d, onnx threads %d, %d cores%n",
        images, width, height, model, batch, threads, onnxThreads, Runtime.getRuntime().availableProcessors());
    System.out.println("load average before: " + loadAverage());
    System.out.println("run  wall_s  session_s  decode_s  images_per_s  overhead_ratio");
    double[] ratios = new double[runs];
    double[] walls = new double[runs];
    double[] decodeMs = new double[runs];
    double[] sessionMs = new double[runs];
    try (OnnxClipImageEncoder enc = ClipModelDirectory.open(model)
        .openImageEncoder(OnnxConfig.defaults().withIntraOpThreads(onnxThreads).withBatchSize(batch))) {
      for (int r = -1; r < runs; r++) {
        Path out = work.resolve("cache");
        AtomicFiles.deleteTree(out);
        long t0 = System.nanoTime();
        ImageCollection c = ImageCollection.open(photos);
        EmbedImagesResult res = new ImageEmbeddingJob(cfg).run(c, enc, out, true, true, ProgressListener.NONE);
        long wall = System.nanoTime() - t0;
        double ratio = (double) (wall - res.sessionNanos()) / res.sessionNanos();
        System.out.printf(Locale.ROOT, "%s  %6.2f  %9.2f  %8.2f  %12.1f  %14.3f%n", r < 0 ? "warm" : String.format("%4d", r + 1),
            wall / 1e9, res.sessionNanos() / 1e9, res.decodeNanos() / 1e9, res.embedded() / (wall / 1e9), ratio);
        if (r >= 0) {
          ratios[r] = ratio;
          walls[r] = wall / 1e9;
          decodeMs[r] = res.decodeNanos() / 1e6 / res.embedded();
          sessionMs[r] = res.sessionNanos() / 1e6 / res.embedded();
        }
      }
    }
    System.out.printf(Locale.ROOT, "median overhead ratio (wall - session) / session: %.3f   median wall: %.2f s%n", median(ratios),
        median(walls));
    // Decoding and inference overlap, so the wall time cannot fall below the larger of the two
    // per-core loads; when decoding costs more than inference, the ratio is bounded by it.
    System.out.printf(Locale.ROOT, "per image (medians): decode + preprocess %.2f ms (wall time on the decode threads), session.run %.2f ms%n",
        median(decodeMs), median(sessionMs));
    System.out.println("load average after: " + loadAverage());
  }

  /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "n/a". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** Photo-like seeded JPEGs (gradients, shapes, noise), four classes; kept between runs. */
  static void generate(Path dir, int n, int w, int h) throws IOException {
    Path done = dir.resolve(".complete");
    if (Files.exists(done)) {
      return;
    }
    AtomicFiles.deleteTree(dir);
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SplittableRandom rnd = new SplittableRandom(i);
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(new GradientPaint(0, 0, new Color(rnd.nextInt(0xffffff)), w, h, new Color(rnd.nextInt(0xffffff))));
      g.fillRect(0, 0, w, h);
      for (int k = 0; k < 12; k++) {
        g.setColor(new Color(rnd.nextInt(0xffffff)));
        int x = rnd.nextInt(w);
        int y = rnd.nextInt(h);
        g.fillOval(x - 40, y - 30, 20 + rnd.nextInt(120), 20 + rnd.nextInt(90));
      }
      g.dispose();
      for (int y = 0; y < h; y += 2) {
        for (int x = 0; x < w; x += 2) {
          int p = img.getRGB(x, y);
          int d = rnd.nextInt(17) - 8;
          int r = Math.max(0, Math.min(255, ((p >> 16) & 255) + d));
          int gg = Math.max(0, Math.min(255, ((p >> 8) & 255) + d));
          int b = Math.max(0, Math.min(255, (p & 255) + d));
          img.setRGB(x, y, (r << 16) | (gg << 8) | b);
        }
      }
      Path f = dir.resolve("class_" + (i % 4)).resolve(String.format("photo_%05d.jpg", i));
      Files.createDirectories(f.getParent());
      ImageIO.write(img, "jpeg", f.toFile());
      written.add(f);
    }
    Files.writeString(done, written.size() + " images\n");
  }
}
