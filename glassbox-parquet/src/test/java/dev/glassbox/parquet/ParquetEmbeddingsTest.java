package dev.glassbox.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.parquet.ParquetFixtures.ListEncoding;
import dev.glassbox.parquet.ParquetFixtures.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ParquetEmbeddingsTest {
  private static final ParquetEmbeddings.Columns COLUMNS = new ParquetEmbeddings.Columns("embedding", "id", "label", null);

  private static List<Row> randomRows(int n, int dim, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Float[] v = new Float[dim];
      for (int j = 0; j < dim; j++) {
        v[j] = (float) rnd.nextGaussian();
      }
      rows.add(new Row("img_" + i, "class_" + (i % 3), v));
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(ListEncoding.class)
  void readsEveryListEncodingAcrossRowGroupsExactly(ListEncoding enc, @TempDir Path dir) throws IOException {
    // 700 rows × 16 floats overflow the 4 KiB row groups, so several groups and pages are read.
    List<Row> rows = randomRows(700, 16, 5);
    Path file = dir.resolve("emb.parquet");
    ParquetFixtures.write(file, enc, false, rows);
    ParquetEmbeddings.Contents c = ParquetEmbeddings.read(file, COLUMNS);
    assertThat(c.embeddings().rows()).isEqualTo(700);
    assertThat(c.embeddings().cols()).isEqualTo(16);
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < 16; j++) {
        assertThat(c.embeddings().get(i, j)).isEqualTo(rows.get(i).embedding()[j]);
      }
      assertThat(c.ids().get(i)).isEqualTo("img_" + i);
      assertThat(c.labels().get(i)).isEqualTo("class_" + (i % 3));
    }
    assertThat(c.labelsAreIntegers()).isFalse();
    assertThat(c.splits()).isNull();
  }

  @Test
  void readsIntegerLabels(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("int.parquet");
    ParquetFixtures.write(file, ListEncoding.STANDARD, true,
        List.of(new Row("a", 2, new Float[] {1f, 2f}), new Row("b", 0, new Float[] {3f, 4f})));
    ParquetEmbeddings.Contents c = ParquetEmbeddings.read(file, COLUMNS);
    assertThat(c.labels()).containsExactly("2", "0");
    assertThat(c.labelsAreIntegers()).isTrue();
  }

  @Test
  void rejectsARowOfAnotherDimensionNamingItsRowAndItem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ragged.parquet");
    ParquetFixtures.write(file, ListEncoding.STANDARD, false,
        List.of(new Row("a", "x", new Float[] {1f, 2f, 3f}), new Row("b", "x", new Float[] {1f, 2f})));
    assertThatThrownBy(() -> ParquetEmbeddings.read(file, COLUMNS))
        .hasMessageContaining("row 1 (item 'b') has 2 values but earlier rows have 3");
  }

  @Test
  void rejectsNaNNamingRowItemAndDimension(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("nan.parquet");
    ParquetFixtures.write(file, ListEncoding.STANDARD, false,
        List.of(new Row("a", "x", new Float[] {1f, 2f}), new Row("b", "x", new Float[] {1f, Float.NaN})));
    assertThatThrownBy(() -> ParquetEmbeddings.read(file, COLUMNS))
        .hasMessageContaining("row 1 (item 'b') holds NaN at dimension 1");
  }

  @Test
  void rejectsNullElementsAndEmptyLists(@TempDir Path dir) throws IOException {
    Path nulls = dir.resolve("null.parquet");
    ParquetFixtures.write(nulls, ListEncoding.STANDARD, false,
        List.of(new Row("a", "x", new Float[] {1f, null})));
    assertThatThrownBy(() -> ParquetEmbeddings.read(nulls, COLUMNS)).hasMessageContaining("row 0 (item 'a') holds null at dimension 1");
    Path empty = dir.resolve("empty.parquet");
    ParquetFixtures.write(empty, ListEncoding.STANDARD, false,
        List.of(new Row("a", "x", new Float[] {1f}), new Row("b", "x", new Float[0])));
    assertThatThrownBy(() -> ParquetEmbeddings.read(empty, COLUMNS)).hasMessageContaining("row 1 (item 'b') has no embedding");
    Path missing = dir.resolve("missing.parquet");
    ParquetFixtures.write(missing, ListEncoding.STANDARD, false, List.of(new Row("a", "x", null)));
    assertThatThrownBy(() -> ParquetEmbeddings.read(missing, COLUMNS)).hasMessageContaining("row 0 (item 'a') has no embedding");
  }

  @Test
  void namesMissingAndMistypedColumns(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("e.parquet");
    ParquetFixtures.write(file, ListEncoding.STANDARD, false, randomRows(3, 2, 1));
    assertThatThrownBy(() -> ParquetEmbeddings.read(file, new ParquetEmbeddings.Columns("vec", "id", "label", null)))
        .hasMessageContaining("has no column 'vec'").hasMessageContaining("[id, label, embedding]");
    assertThatThrownBy(() -> ParquetEmbeddings.read(file, new ParquetEmbeddings.Columns("id", "id", "label", null)))
        .hasMessageContaining("column 'id' is").hasMessageContaining("expected a list of float");
    assertThatThrownBy(() -> ParquetEmbeddings.read(file, new ParquetEmbeddings.Columns("embedding", "key", "label", null)))
        .hasMessageContaining("no flat column 'key' for the id");
  }

  @Test
  void reportsAFileThatIsNotParquet(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("x.parquet"), "not parquet at all");
    assertThatThrownBy(() -> ParquetEmbeddings.read(file, COLUMNS)).isInstanceOf(IOException.class).hasMessageContaining("x.parquet");
  }
}
