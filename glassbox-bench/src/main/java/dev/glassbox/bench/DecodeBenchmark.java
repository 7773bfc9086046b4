package dev.glassbox.bench;

import dev.glassbox.encoders.image.ClipPreprocessor;
import dev.glassbox.encoders.image.DecodedImage;
import dev.glassbox.encoders.image.ImageDecoder;
import dev.glassbox.encoders.image.ImagePipeline;
import dev.glassbox.encoders.image.ImageWorkspace;
import dev.glassbox.encoders.image.PreprocessConfig;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Single-thread cost of turning a JPEG file into CLIP's input tensor, by stage, on the photo folder
 * that {@link EmbedImagesBenchmark} generates (500 × 375 by default). Per run and image:
 *
 * <ul>
 *   <li>{@code libjpeg}: reading the file and ImageIO's raw raster decode, the floor that the Java
 *       code cannot go below (entropy decoding, IDCT and chroma upsampling in native libjpeg);
 *   <li>{@code decode}: {@link ImageDecoder#decode(Path)}, the raster plus colour conversion and EXIF;
 *   <li>{@code preprocess}: {@link ClipPreprocessor#tensor(DecodedImage, float[], int)} (resize,
 *       crop, RGB, normalise) of the decoded image;
 *   <li>{@code pipeline}: the whole path as {@code embed images} runs it, through one reused
 *       {@link ImageWorkspace} (left out with {@code --no-workspace}, to run against builds that
 *       predate it).
 * </ul>
 *
 * Before timing, the workspace path is checked to give exactly the plain path's tensors. Times are
 * the thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}), which other processes on a
 * shared machine disturb far less than wall time; medians over runs after one warm-up run.
 *
 * <pre>
 * java -cp "glassbox-bench/target/glassbox-bench.jar:glassbox-bench/target/lib/*" dev.glassbox.bench.DecodeBenchmark \
 *   [--images 400] [--width 500] [--height 375] [--runs 7] [--work DIR] [--no-workspace]
 * </pre>
 */
public final class DecodeBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DecodeBenchmark() {}

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  public static void main(String[] args) throws Exception {
    int images = 400;
    int width = 500;
    int height = 375;
    int runs = 7;
    boolean workspace = true;
    Path work = Path.of("target/embed-bench");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--images" -> images = Integer.parseInt(args[++i]);
        case "--width" -> width = Integer.parseInt(args[++i]);
        case "--height" -> height = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--no-workspace" -> workspace = false;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path photos = work.resolve("photos-" + images + "-" + width + "x" + height);
    EmbedImagesBenchmark.generate(photos, images, width, height);
    List<Path> files;
    try (Stream<Path> s = Files.walk(photos)) {
      files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    ImageDecoder decoder = new ImageDecoder();
    ClipPreprocessor pre = new ClipPreprocessor(PreprocessConfig.clip(224));
    ImagePipeline pipeline = new ImagePipeline(decoder, pre);
    int len = pre.tensorLength();
    if (workspace) {
      checkWorkspaceAgainstPlainPath(pipeline, files.subList(0, Math.min(20, files.size())));
    }
    // A fingerprint of the output, to compare builds and JVM flags (with and without the Vector API).
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    for (Path f : files.subList(0, Math.min(20, files.size()))) {
      for (float v : pipeline.load(f)) {
        int bits = Float.floatToRawIntBits(v);
        crc.update(new byte[] {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)});
      }
    }
    System.out.printf(Locale.ROOT, "Vector API module: %s; CRC-32 of the first %d tensors: %08x%n",
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "present" : "absent (scalar paths)",
        Math.min(20, files.size()), crc.getValue());
    System.out.printf(Locale.ROOT, "%d JPEGs %d × %d, one thread, %d runs after a warm-up (CPU ms per image)%n", files.size(), width, height,
        runs);
    System.out.println("load average before: " + EmbedImagesBenchmark.loadAverage());
    System.out.println("run   libjpeg   decode  preprocess  pipeline");
    double[][] ms = new double[4][runs];
    float[] out = new float[len];
    for (int r = -1; r < runs; r++) {
      double raw = perImage(files, f -> rawRaster(f));
      double dec = 0;
      double prep = 0;
      for (Path f : files) {
        long t0 = cpu();
        DecodedImage im = decoder.decode(f);
        long t1 = cpu();
        pre.tensor(im, out, 0);
        long t2 = cpu();
        dec += t1 - t0;
        prep += t2 - t1;
      }
      dec /= 1e6 * files.size();
      prep /= 1e6 * files.size();
      double whole = workspace ? pipelineWithWorkspace(pipeline, files, out) : Double.NaN;
      System.out.printf(Locale.ROOT, "%s  %8.3f %8.3f %11.3f %9.3f%n", r < 0 ? "warm" : String.format("%4d", r + 1), raw, dec, prep, whole);
      if (r >= 0) {
        ms[0][r] = raw;
        ms[1][r] = dec;
        ms[2][r] = prep;
        ms[3][r] = whole;
      }
    }
    System.out.printf(Locale.ROOT, "median   %8.3f %8.3f %11.3f %9.3f%n", Stats.median(ms[0]), Stats.median(ms[1]), Stats.median(ms[2]),
        Stats.median(ms[3]));
    System.out.println("load average after: " + EmbedImagesBenchmark.loadAverage());
  }

  private interface FileTask {
    void run(Path f) throws Exception;
  }

  private static double perImage(List<Path> files, FileTask task) throws Exception {
    long t0 = cpu();
    for (Path f : files) {
      task.run(f);
    }
    return (cpu() - t0) / 1e6 / files.size();
  }

  private static void rawRaster(Path f) throws Exception {
    byte[] bytes = Files.readAllBytes(f);
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      try {
        reader.setInput(in, true, true);
        reader.readRaster(0, null);
      } finally {
        reader.dispose();
      }
    }
  }

  private static double pipelineWithWorkspace(ImagePipeline pipeline, List<Path> files, float[] out) throws Exception {
    ImageWorkspace ws = new ImageWorkspace();
    return perImage(files, f -> pipeline.load(f, ws, out, 0));
  }

  private static void checkWorkspaceAgainstPlainPath(ImagePipeline pipeline, List<Path> files) throws Exception {
    ImageWorkspace ws = new ImageWorkspace();
    float[] got = new float[pipeline.preprocessor().tensorLength()];
    for (Path f : files) {
      pipeline.load(f, ws, got, 0);
      float[] want = pipeline.preprocessor().tensor(pipeline.decoder().decode(f));
      if (!Arrays.equals(got, want)) {
        throw new IllegalStateException("the workspace path differs from the plain path on " + f);
      }
    }
  }
}
