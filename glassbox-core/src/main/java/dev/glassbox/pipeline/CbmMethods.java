package dev.glassbox.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The methods available on the class path. */
public final class CbmMethods {
  private CbmMethods() {}

  public static List<CbmMethod> all() {
    List<CbmMethod> out = new ArrayList<>();
    ServiceLoader.load(CbmMethod.class).forEach(out::add);
    out.sort(Comparator.comparing(CbmMethod::name));
    return out;
  }

  public static CbmMethod byName(String name) {
    for (CbmMethod m : all()) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown method '" + name + "'; available: " + String.join(", ", all().stream().map(CbmMethod::name).toList()));
  }

  /** Trains with {@code method} and the given {@code name=value} options. */
  public static TrainResult train(String method, TrainingInput input, Map<String, String> options,
      dev.glassbox.progress.ProgressListener progress) {
    CbmMethod m = byName(method);
    return m.train(input, new MethodOptions(m.name(), m.options(), options), progress);
  }
}
