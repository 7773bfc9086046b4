package dev.glassbox.encoders.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.glassbox.util.Hashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session over a graph held in memory, with the graph's tensor inputs and outputs
 * and the SHA-256 of its bytes (the encoder's identity).
 *
 * <p>{@link #run} is thread-safe (ONNX Runtime sessions are). Close to free native memory.
 */
public final class OnnxGraph implements AutoCloseable {
  /** A tensor input or output of the graph: its name, element type and shape (-1 for a free dimension). */
  public record Port(String name, OnnxJavaType type, long[] shape) {
    @Override
    public String toString() {
      return name + ":" + type + Arrays.toString(shape);
    }
  }

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String source;
  private final String sha256;
  private final List<Port> inputs;
  private final List<Port> outputs;

  private OnnxGraph(OrtEnvironment env, OrtSession session, String source, String sha256) throws OrtException {
    this.env = env;
    this.session = session;
    this.source = source;
    this.sha256 = sha256;
    this.inputs = ports(session.getInputInfo(), source, "input");
    this.outputs = ports(session.getOutputInfo(), source, "output");
  }

  /**
   * Opens a session over {@code bytes}; {@code source} names the graph in errors (a path or resource).
   *
   * @throws IllegalArgumentException when ONNX Runtime cannot load the graph
   */
  public static OnnxGraph open(byte[] bytes, String source, OnnxConfig config) {
    String sha = Hashing.hex(Hashing.sha256().digest(bytes));
    OrtEnvironment env = loadEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(config.intraOpThreads());
      options.setInterOpNumThreads(1);
      OrtSession session = env.createSession(bytes, options);
      try {
        return new OnnxGraph(env, session, source, sha);
      } catch (OrtException | RuntimeException e) {
        session.close();
        throw e;
      }
    } catch (OrtException e) {
      throw new IllegalArgumentException(source + " is not an ONNX graph that ONNX Runtime can load: " + e.getMessage(), e);
    }
  }

  /**
   * ONNX Runtime's environment, its native library loaded on a thread with a 64 MiB stack. Loading
   * the library takes more stack than a JVM's main thread may have left: with a long class path (as
   * the launcher's {@code lib/*} gives) the process died of SIGSEGV, without even a JVM crash report,
   * inside the first {@code OrtEnvironment.getEnvironment()}. Later calls return the loaded
   * environment at once.
   */
  static OrtEnvironment loadEnvironment() {
    OrtEnvironment[] env = new OrtEnvironment[1];
    Throwable[] failure = new Throwable[1];
    Thread loader = new Thread(null, () -> {
      try {
        env[0] = OrtEnvironment.getEnvironment();
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "onnxruntime-load", 64L << 20);
    loader.start();
    boolean interrupted = false;
    while (true) {
      try {
        loader.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    if (failure[0] != null) {
      throw new IllegalStateException("ONNX Runtime cannot start: " + failure[0].getMessage(), failure[0]);
    }
    return env[0];
  }

  private static List<Port> ports(Map<String, NodeInfo> info, String source, String kind) {
    List<Port> out = new ArrayList<>();
    for (Map.Entry<String, NodeInfo> e : new LinkedHashMap<>(info).entrySet()) {
      if (!(e.getValue().getInfo() instanceof TensorInfo t)) {
        throw new IllegalArgumentException(
            source + " has the non-tensor " + kind + " '" + e.getKey() + "' (" + e.getValue().getInfo()
                + "); encoders read and write tensors only");
      }
      out.add(new Port(e.getKey(), t.type, t.getShape()));
    }
    return List.copyOf(out);
  }

  public OrtEnvironment environment() {
    return env;
  }

  /** The path or resource the graph came from. */
  public String source() {
    return source;
  }

  /** Lower-case hex SHA-256 of the graph's bytes. */
  public String sha256() {
    return sha256;
  }

  public List<Port> inputs() {
    return inputs;
  }

  public List<Port> outputs() {
    return outputs;
  }

  /** Runs the graph; the caller closes the result (and its input tensors). */
  public OrtSession.Result run(Map<String, ? extends ai.onnxruntime.OnnxTensorLike> feeds) {
    try {
      return session.run(feeds);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed running " + source + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the ONNX Runtime session of " + source, e);
    }
  }
}
