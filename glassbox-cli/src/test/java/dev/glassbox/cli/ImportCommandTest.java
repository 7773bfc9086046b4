package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Dataset;
import dev.glassbox.io.DatasetStore;
import dev.glassbox.io.Npy;
import dev.glassbox.io.NpyDtype;
import dev.glassbox.io.Safetensors;
import dev.glassbox.math.FloatMatrix;
import dev.glassbox.math.Tensor;
import dev.glassbox.parquet.ParquetFixtures;
import dev.glassbox.parquet.ParquetFixtures.ListEncoding;
import dev.glassbox.parquet.ParquetFixtures.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glassbox import} from .npy, safetensors and Parquet, and every check it makes. */
class ImportCommandTest {
  private static FloatMatrix random(int rows, int cols, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return FloatMatrix.wrap(rows, cols, v);
  }

  private static long[] labels(int n, int classes) {
    long[] y = new long[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
    }
    return y;
  }

  @Test
  void importsNpyWithIndexLabelsClassNamesAndIds(@TempDir Path dir) throws Exception {
    FloatMatrix x = random(90, 6, 1);
    Npy.write(dir.resolve("emb.npy"), x, NpyDtype.FLOAT16);
    Npy.writeLongs(dir.resolve("y.npy"), labels(90, 3));
    Files.writeString(dir.resolve("classes.txt"), "cat\ndog\nfox\n");
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < 90; i++) {
      ids.append("photo-").append(i).append('\n');
    }
    Files.writeString(dir.resolve("ids.txt"), ids);
    Path out = dir.resolve("ds");
    CliRunner.Result r = CliRunner.run("import", "--embeddings", dir.resolve("emb.npy").toString(), "--labels", dir.resolve("y.npy").toString(),
        "--classes", dir.resolve("classes.txt").toString(), "--ids", dir.resolve("ids.txt").toString(), "--out", out.toString(),
        "--encoder-name", "my-clip", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().path("items").asInt()).isEqualTo(90);
    try (DatasetStore.Stored s = DatasetStore.read(out)) {
      Dataset d = s.dataset();
      assertThat(d.classNames()).containsExactly("cat", "dog", "fox");
      assertThat(d.ids().get(4)).isEqualTo("photo-4");
      assertThat(d.classNames().get(d.labels()[4])).isEqualTo("dog");
      assertThat(d.embeddings().toMatrix().get(4, 2)).isEqualTo(dev.glassbox.io.Half.toFloat(dev.glassbox.io.Half.fromFloat(x.get(4, 2))));
      assertThat(d.countsPerClass()).allSatisfy(c -> assertThat(c).containsExactly(20, 5, 5));
    }
    assertThat(DatasetStore.encoder(out).name()).isEqualTo("my-clip");
  }

  @Test
  void importsASafetensorsTensorByNameWithTextLabels(@TempDir Path dir) throws Exception {
    Map<String, Tensor> ts = new LinkedHashMap<>();
    ts.put("pooled", Tensor.of(random(12, 4, 2)));
    ts.put("other", Tensor.vector(new float[] {1, 2}));
    Safetensors.write(dir.resolve("e.safetensors"), ts, Map.of());
    StringBuilder y = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      y.append(i < 6 ? "ant\n" : "bee\n");
    }
    Files.writeString(dir.resolve("y.txt"), y);
    CliRunner.Result ambiguous = CliRunner.run("import", "--embeddings", dir.resolve("e.safetensors").toString(), "--labels",
        dir.resolve("y.txt").toString(), "--out", dir.resolve("a").toString());
    assertThat(ambiguous.exit()).isEqualTo(1);
    assertThat(ambiguous.err()).contains("holds 2 tensors").contains("--tensor");
    CliRunner.Result r = CliRunner.run("import", "--embeddings", dir.resolve("e.safetensors").toString(), "--tensor", "pooled", "--labels",
        dir.resolve("y.txt").toString(), "--out", dir.resolve("b").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    try (DatasetStore.Stored s = DatasetStore.read(dir.resolve("b"))) {
      assertThat(s.dataset().classNames()).containsExactly("ant", "bee");
      assertThat(s.dataset().ids().get(0)).isEqualTo("item_000000");
    }
    CliRunner.Result rank = CliRunner.run("import", "--embeddings", dir.resolve("e.safetensors").toString(), "--tensor", "other", "--labels",
        dir.resolve("y.txt").toString(), "--out", dir.resolve("c").toString());
    assertThat(rank.err()).contains("tensor 'other' has shape [2]");
  }

  @Test
  void importsParquetWithColumnsNamedOnTheCommandLine(@TempDir Path dir) throws Exception {
    List<Row> rows = new ArrayList<>();
    FloatMatrix x = random(30, 5, 3);
    for (int i = 0; i < 30; i++) {
      Float[] v = new Float[5];
      for (int j = 0; j < 5; j++) {
        v[j] = x.get(i, j);
      }
      rows.add(new Row("k" + i, i % 2, v));
    }
    Path file = dir.resolve("e.parquet");
    ParquetFixtures.write(file, ListEncoding.STANDARD, true, rows);
    Files.writeString(dir.resolve("classes.txt"), "even\nodd\n");
    CliRunner.Result r = CliRunner.run("import", "--embeddings", file.toString(), "--classes", dir.resolve("classes.txt").toString(),
        "--out", dir.resolve("ds").toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    try (DatasetStore.Stored s = DatasetStore.read(dir.resolve("ds"))) {
      Dataset d = s.dataset();
      assertThat(d.ids().get(3)).isEqualTo("k3");
      assertThat(d.classNames().get(d.labels()[3])).isEqualTo("odd");
      assertThat(d.embeddings().toMatrix().row(3)).containsExactly(x.row(3));
    }
    CliRunner.Result wrong = CliRunner.run("import", "--embeddings", file.toString(), "--embedding-column", "vector", "--out",
        dir.resolve("x").toString());
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("no column 'vector'").contains("--embedding-column");
    Files.writeString(dir.resolve("gap.txt"), "even\n\nodd\n\n");
    CliRunner.Result gap = CliRunner.run("import", "--embeddings", file.toString(), "--classes", dir.resolve("gap.txt").toString(),
        "--out", dir.resolve("z").toString());
    assertThat(gap.exit()).isEqualTo(1);
    assertThat(gap.err()).contains("gap.txt line 2 is blank").contains("matched by position");
    CliRunner.Result twice = CliRunner.run("import", "--embeddings", file.toString(), "--label-column", "id", "--out",
        dir.resolve("y").toString());
    assertThat(twice.exit()).isEqualTo(2);
    assertThat(twice.err()).contains("--id-column and --label-column both name the Parquet column 'id'");
  }

  @Test
  void namesTheRowItemAndFileOfEveryBadValue(@TempDir Path dir) throws Exception {
    FloatMatrix x = random(10, 3, 4);
    x.set(7, 1, Float.NaN);
    Npy.write(dir.resolve("nan.npy"), x, NpyDtype.FLOAT32);
    Npy.write(dir.resolve("ok.npy"), random(10, 3, 5), NpyDtype.FLOAT32);
    Npy.writeLongs(dir.resolve("y.npy"), labels(10, 2));
    Npy.writeLongs(dir.resolve("y9.npy"), labels(9, 2));
    long[] bad = labels(10, 2);
    bad[5] = 2;
    Npy.writeLongs(dir.resolve("ybad.npy"), bad);
    Files.writeString(dir.resolve("classes.txt"), "a\nb\n");
    Files.writeString(dir.resolve("dup.txt"), "i0\ni1\ni2\ni3\ni4\ni5\ni1\ni7\ni8\ni9\n");
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      names.append(i == 3 ? "c" : "a").append('\n');
    }
    Files.writeString(dir.resolve("names.txt"), names);
    String classes = dir.resolve("classes.txt").toString();
    CliRunner.Result nan = CliRunner.run("import", "--embeddings", dir.resolve("nan.npy").toString(), "--labels",
        dir.resolve("y.npy").toString(), "--out", dir.resolve("o1").toString());
    assertThat(nan.err()).contains("nan.npy row 7 (item 'item_000007') holds NaN at dimension 1");
    CliRunner.Result count = CliRunner.run("import", "--embeddings", dir.resolve("ok.npy").toString(), "--labels",
        dir.resolve("y9.npy").toString(), "--out", dir.resolve("o2").toString());
    assertThat(count.err()).contains("gives 9 labels but").contains("has 10 rows");
    CliRunner.Result range = CliRunner.run("import", "--embeddings", dir.resolve("ok.npy").toString(), "--labels",
        dir.resolve("ybad.npy").toString(), "--classes", classes, "--out", dir.resolve("o3").toString());
    assertThat(range.err()).contains("ybad.npy row 5 (item 'item_000005'): label index 2 is outside the 2 classes");
    CliRunner.Result unknown = CliRunner.run("import", "--embeddings", dir.resolve("ok.npy").toString(), "--labels",
        dir.resolve("names.txt").toString(), "--classes", classes, "--out", dir.resolve("o4").toString());
    assertThat(unknown.err()).contains("names.txt row 3 (item 'item_000003'): label \"c\" is not in the class list");
    CliRunner.Result dup = CliRunner.run("import", "--embeddings", dir.resolve("ok.npy").toString(), "--labels",
        dir.resolve("y.npy").toString(), "--ids", dir.resolve("dup.txt").toString(), "--out", dir.resolve("o5").toString());
    assertThat(dup.err()).contains("dup.txt row 6: id 'i1' already appears on row 1");
    CliRunner.Result noLabels = CliRunner.run("import", "--embeddings", dir.resolve("ok.npy").toString(), "--out", dir.resolve("o6").toString());
    assertThat(noLabels.err()).contains("--labels is required");
    for (CliRunner.Result r : List.of(nan, count, range, unknown, dup, noLabels)) {
      assertThat(r.exit()).isEqualTo(1);
    }
    for (String o : List.of("o1", "o2", "o3", "o4", "o5", "o6")) {
      assertThat(Files.exists(dir.resolve(o))).isFalse();
    }
  }
}
