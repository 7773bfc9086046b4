package dev.glassbox.server;

import dev.glassbox.io.AtomicFiles;
import dev.glassbox.io.ModelStore;
import dev.glassbox.model.ConceptBottleneckModel;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models the server serves, read only from its models directory ({@code MODELS/{name}/{version}/},
 * version a positive integer; "latest" is the highest version that loads). Every load goes through
 * {@link ModelStore#load}, which verifies checksums and shapes, so a half-copied version is refused
 * and the previous one keeps serving until a later scan finds the copy complete.
 *
 * <p>{@link #reload()} scans for new models and new versions (the server calls it on a timer and on
 * request). {@link #saveVersion} writes an edited model as the next version: the artifact is saved
 * to a hidden staging directory beside the versions and renamed to the first free version number.
 * A rename onto an existing, non-empty version directory fails, so two writers (threads or
 * processes) can never take the same number, and readers never see a partial version.
 *
 * <p>Names and versions come from the directory listing, never from a request: a request only looks
 * names up in this registry, so no request can make the server read outside the models directory.
 * Symbolic links under the models directory are ignored for the same reason.
 */
final class ModelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  private final Path root;
  private final Metrics metrics;
  private final int cachedVersions;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Object scanLock = new Object();

  /** One model name: its latest version, a few older versions asked for by requests, the last load error. */
  static final class Entry {
    final String name;
    volatile ServedModel latest;
    volatile String lastError;
    final Object editLock = new Object();
    final Object loadLock = new Object();
    final Map<Integer, ServedModel> older;
    final Set<String> reportedErrors = ConcurrentHashMap.newKeySet();
    /** Versions on disk that failed to load, with the error, while another version may be served. */
    final Map<Integer, String> versionErrors = new ConcurrentHashMap<>();

    Entry(String name, int cached) {
      this.name = name;
      this.older = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, ServedModel> eldest) {
          return size() > cached;
        }
      });
    }
  }

  ModelRegistry(Path root, Metrics metrics, int cachedVersions) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.metrics = metrics;
    this.cachedVersions = cachedVersions;
    if (!Files.isDirectory(this.root)) {
      throw new NoSuchFileException(this.root.toString(), null, "the models directory does not exist; create it and put models in MODELS/NAME/1/");
    }
  }

  Path root() {
    return root;
  }

  /** Models loaded now, by name. */
  List<ServedModel> latest() {
    List<ServedModel> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      ServedModel m = e.latest;
      if (m != null) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparing(m -> m.name));
    return out;
  }

  /**
   * Every name with a load error and no served version, with the error; and every version that
   * failed to load while another is served, as {@code "NAME version V"}.
   */
  Map<String, String> failures() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Entry e : entries.values()) {
      if (e.lastError != null) {
        out.put(e.name, e.lastError);
      }
      e.versionErrors.forEach((v, msg) -> out.put(e.name + " version " + v, msg));
    }
    return out;
  }

  /** The latest version of a model; 404 when there is none. */
  ServedModel get(String name) {
    return get(name, null);
  }

  /** A version of a model (the latest when {@code version} is null); 400 for a bad name, 404 when absent. */
  ServedModel get(String name, Integer version) {
    ModelNames.requireValidName(name, "name");
    Entry e = entries.get(name);
    ServedModel latest = e == null ? null : e.latest;
    if (latest == null) {
      throw ApiException.notFound("name", "no model named '" + name + "' is loaded; GET /v1/models lists the models"
          + (e != null && e.lastError != null ? " (its last load failed: " + e.lastError + ")" : ""));
    }
    if (version == null || version == latest.version) {
      return latest;
    }
    ServedModel cached = e.older.get(version);
    if (cached != null) {
      return cached;
    }
    Path dir = root.resolve(name).resolve(Integer.toString(version));
    // A version on disk above the latest served one is one that failed to load (or is not yet
    // scanned): loading it now answers with its error (422) rather than "no such version".
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw ApiException.notFound("version", "model '" + name + "' has no version " + version + "; its versions are "
          + versionsOnDisk(name) + " (latest " + latest.version + ")");
    }
    synchronized (e.loadLock) {
      cached = e.older.get(version);
      if (cached != null) {
        return cached;
      }
      ServedModel m;
      try {
        m = load(name, version, dir);
      } catch (IOException | RuntimeException ex) {
        throw ApiException.unprocessable("version", "version " + version + " of model '" + name + "' cannot be loaded: " + ex.getMessage());
      }
      if (cachedVersions > 0) {
        e.older.put(version, m);
      }
      return m;
    }
  }

  /** The version numbers present on disk for a model, ascending. */
  List<Integer> versionsOnDisk(String name) {
    TreeSet<Integer> out = new TreeSet<>();
    Path dir = root.resolve(name);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String f = p.getFileName().toString();
        if (ModelNames.isVersion(f) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(Integer.parseInt(f));
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", dir, e.toString());
    }
    return new ArrayList<>(out);
  }

  /** Scans the whole models directory; returns the models whose latest version changed. */
  List<ServedModel> reload() {
    synchronized (scanLock) {
      Set<String> names = new TreeSet<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
        for (Path p : ds) {
          String f = p.getFileName().toString();
          if (ModelNames.isValidName(f) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            names.add(f);
          }
        }
      } catch (IOException e) {
        LOG.warn("cannot list the models directory {}: {}", root, e.toString());
        return List.of();
      }
      entries.keySet().removeIf(n -> {
        if (!names.contains(n)) {
          LOG.info("model '{}' left the models directory; no longer served", n);
          return true;
        }
        return false;
      });
      List<ServedModel> changed = new ArrayList<>();
      for (String n : names) {
        ServedModel m = reloadLocked(n);
        if (m != null) {
          changed.add(m);
        }
      }
      return changed;
    }
  }

  /** Rescans one model; returns its new latest version, or null when nothing changed. 404 for an unknown name. */
  ServedModel reload(String name) {
    ModelNames.requireValidName(name, "name");
    synchronized (scanLock) {
      if (!Files.isDirectory(root.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        entries.remove(name);
        throw ApiException.notFound("name", "the models directory has no model '" + name + "'");
      }
      return reloadLocked(name);
    }
  }

  private ServedModel reloadLocked(String name) {
    Entry e = entries.computeIfAbsent(name, n -> new Entry(n, cachedVersions));
    ServedModel current = e.latest;
    List<Integer> versions = versionsOnDisk(name);
    e.versionErrors.keySet().retainAll(versions);
    List<String> failed = new ArrayList<>();
    ServedModel loaded = null;
    for (int i = versions.size() - 1; i >= 0; i--) {
      int v = versions.get(i);
      if (current != null && v <= current.version) {
        break;
      }
      Path dir = root.resolve(name).resolve(Integer.toString(v));
      try {
        loaded = load(name, v, dir);
        install(e, loaded);
        e.versionErrors.remove(v);
        break;
      } catch (IOException | RuntimeException ex) {
        String msg = "version " + v + ": " + ex.getMessage();
        e.versionErrors.put(v, ex.getMessage());
        if (e.reportedErrors.add(msg)) {
          failed.add(msg);
        }
        if (current == null) {
          e.lastError = msg;
        }
      }
    }
    // Logged once what is served is known: an older version may load after a newer one failed.
    ServedModel served = e.latest;
    for (String msg : failed) {
      LOG.warn("model '{}' {} (serving {})", name, msg, served == null ? "nothing" : "version " + served.version);
    }
    if (versions.isEmpty() && current == null) {
      e.lastError = "no version directories (MODELS/" + name + "/1/, …)";
    }
    return loaded;
  }

  private void install(Entry e, ServedModel m) {
    synchronized (e.loadLock) {
      ServedModel current = e.latest;
      if (current != null && current.version >= m.version) {
        return;
      }
      if (current != null && cachedVersions > 0) {
        e.older.put(current.version, current);
      }
      e.latest = m;
      e.lastError = null;
      LOG.info("serving model '{}' version {} ({} classes, {} concepts)", m.name, m.version, m.model.numClasses(),
          m.model.numConcepts());
    }
  }

  private ServedModel load(String name, int version, Path dir) throws IOException {
    try {
      ConceptBottleneckModel model = ModelStore.load(dir);
      metrics.modelLoaded(true);
      return new ServedModel(name, version, dir, model, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    } catch (IOException | RuntimeException e) {
      metrics.modelLoaded(false);
      throw e;
    }
  }

  /** The model has a version newer than the one an edit was applied to. */
  static final class EditConflict extends Exception {
    private static final long serialVersionUID = 1L;
    final int newest;

    EditConflict(int newest) {
      super("the model has a newer version " + newest, null, false, false);
      this.newest = newest;
    }
  }

  /**
   * Saves {@code model}, an edit of version {@code baseVersion}, as the next version of {@code name}
   * and serves it. The version number is taken by an atomic rename, so concurrent savers never
   * collide; the new version is loaded back through {@link ModelStore#load} before it is served.
   *
   * @throws EditConflict when a version newer than {@code baseVersion} exists (written by another
   *     request or process since the edit read its base; versions that failed to load do not
   *     count): saving would silently drop that version's edits
   */
  ServedModel saveVersion(String name, int baseVersion, ConceptBottleneckModel model) throws IOException, EditConflict {
    Entry e = entries.get(name);
    if (e == null) {
      throw ApiException.notFound("name", "no model named '" + name + "' is loaded");
    }
    Path dir = root.resolve(name);
    synchronized (e.editLock) {
      Path staging = dir.resolve(".staging-" + UUID.randomUUID());
      try {
        List<Integer> onDisk = versionsOnDisk(name);
        int newest = e.latest == null ? 0 : e.latest.version;
        for (int v : onDisk) {
          if (v > newest && !e.versionErrors.containsKey(v)) {
            newest = v;
          }
        }
        if (newest > baseVersion) {
          throw new EditConflict(newest);
        }
        ModelStore.save(model, staging, false);
        int v = Math.max(onDisk.isEmpty() ? 0 : onDisk.get(onDisk.size() - 1), newest) + 1;
        Path target = dir.resolve(Integer.toString(v));
        try {
          // rename(2): atomic, and it fails when the target is a non-empty directory.
          Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException taken) {
          if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw taken;
          }
          // Another process saved version v in the meantime, on the same base.
          throw new EditConflict(v);
        }
        AtomicFiles.fsyncDirectory(dir);
        ServedModel m = load(name, v, target);
        synchronized (scanLock) {
          install(e, m);
        }
        return m;
      } finally {
        AtomicFiles.deleteTree(staging);
      }
    }
  }
}
