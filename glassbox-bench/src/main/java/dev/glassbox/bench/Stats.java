package dev.glassbox.bench;

import dev.glassbox.io.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small helpers for the side-by-side benchmark runners. */
final class Stats {
  private Stats() {}

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static String fmt(double[] v) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      sb.append(String.format(java.util.Locale.ROOT, i == 0 ? "%.3f" : ", %.3f", v[i]));
    }
    return sb.append("]").toString();
  }

  /**
   * Runs a PyTorch reference script with Debian's Python ({@code /usr/bin/python3 SCRIPT WORK ARGS…}),
   * passing its stderr through, and returns the JSON object on the last line of its stdout.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> runPython(Path script, Path work, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), work.toString()));
    cmd.addAll(args);
    Process pr = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String last = null;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(pr.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        last = line;
      }
    }
    if (pr.waitFor() != 0 || last == null) {
      throw new IllegalStateException("the PyTorch reference " + script + " failed (exit " + pr.exitValue()
          + "); is Debian's python3-torch installed?");
    }
    return Json.MAPPER.readValue(last, Map.class);
  }
}
