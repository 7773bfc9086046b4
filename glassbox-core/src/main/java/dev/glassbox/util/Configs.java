package dev.glassbox.util;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns configuration records into JSON-compatible maps (strings, numbers, booleans, lists, maps),
 * so that every setting lands in a model's provenance without hand-written serialisers.
 */
public final class Configs {
  private Configs() {}

  /** The components of {@code config} (a record) as an ordered map; nested records become maps. */
  public static Map<String, Object> toMap(Record config) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent rc : config.getClass().getRecordComponents()) {
      try {
        m.put(rc.getName(), toJsonValue(rc.getAccessor().invoke(config)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + rc.getName() + " of " + config.getClass().getSimpleName(), e);
      }
    }
    return m;
  }

  /** A JSON-compatible form of {@code v}. */
  public static Object toJsonValue(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      return v;
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? d : d.toString();
    }
    if (v instanceof Float f) {
      return Float.isFinite(f) ? (double) f : f.toString();
    }
    if (v instanceof Number n) {
      return n;
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof Record r) {
      return toMap(r);
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, val) -> out.put(String.valueOf(k), toJsonValue(val)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(x -> out.add(toJsonValue(x)));
      return out;
    }
    if (v instanceof double[] a) {
      List<Object> out = new ArrayList<>();
      for (double x : a) {
        out.add(toJsonValue(x));
      }
      return out;
    }
    if (v instanceof int[] a) {
      List<Object> out = new ArrayList<>();
      for (int x : a) {
        out.add(x);
      }
      return out;
    }
    if (v instanceof float[] a) {
      List<Object> out = new ArrayList<>();
      for (float x : a) {
        out.add(toJsonValue(x));
      }
      return out;
    }
    return v.toString();
  }
}
