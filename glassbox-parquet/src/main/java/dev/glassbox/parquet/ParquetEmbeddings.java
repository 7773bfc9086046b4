package dev.glassbox.parquet;

import blue.strategic.parquet.ParquetReader;
import dev.glassbox.math.FloatMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReadStore;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads precomputed embeddings from a Parquet file: one row per item, an embedding column holding
 * a list of floats (any Parquet list encoding: the standard 3-level {@code LIST}, the legacy 2-level
 * form, or a bare repeated field; Arrow's fixed-size lists are written as standard lists), and flat
 * id, label and split columns (strings or integers). Every row's embedding must have the same
 * length; a null or empty list, or a null element, is an error naming the row.
 *
 * <p>The file is opened through parquet-floor's Hadoop-free input file and read column by column
 * with Parquet's own column readers, so no Hadoop is needed; float64 embeddings are narrowed to
 * float32.
 */
public final class ParquetEmbeddings {
  private ParquetEmbeddings() {}

  /**
   * Which columns to read.
   *
   * @param embedding the list-of-float column
   * @param id the id column, or null (ids are then generated)
   * @param label the label column
   * @param split the split column, or null (splits are then drawn)
   */
  public record Columns(String embedding, String id, String label, String split) {}

  /**
   * What was read.
   *
   * @param embeddings {@code [rows × dim]}
   * @param ids one per row, or null when no id column was asked for
   * @param labels one per row, as text (integers in decimal)
   * @param labelsAreIntegers whether the label column holds integers (class indices)
   * @param splits one per row as written, or null when no split column was asked for
   */
  public record Contents(FloatMatrix embeddings, List<String> ids, List<String> labels, boolean labelsAreIntegers,
      List<String> splits) {}

  /** The names of the file's top-level columns, from its footer. */
  public static List<String> columnNames(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such Parquet file");
    }
    try (ParquetFileReader reader = ParquetFileReader.open(ParquetReader.makeInputFile(file.toFile()))) {
      return topLevel(reader.getFooter().getFileMetaData().getSchema());
    } catch (RuntimeException e) {
      throw new IOException(file + " cannot be read as Parquet: " + e.getMessage(), e);
    }
  }

  /** Reads {@code columns} of {@code file}; errors name the file, column and row. */
  public static Contents read(Path file, Columns columns) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such Parquet file");
    }
    try (ParquetFileReader reader = ParquetFileReader.open(ParquetReader.makeInputFile(file.toFile()))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      ColumnDescriptor emb = listColumn(file, schema, columns.embedding());
      ColumnDescriptor id = columns.id() == null ? null : flatColumn(file, schema, columns.id(), "id");
      ColumnDescriptor label = flatColumn(file, schema, columns.label(), "label");
      ColumnDescriptor split = columns.split() == null ? null : flatColumn(file, schema, columns.split(), "split");
      int repeatedDef = repeatedDefinitionLevel(schema, emb);
      GroupConverter converter = new DummyRecordConverter(schema).getRootConverter();
      long total = reader.getRecordCount();
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(file + " has " + total + " rows, more than Glassbox imports at once");
      }
      List<String> ids = id == null ? null : new ArrayList<>((int) total);
      List<String> labels = new ArrayList<>((int) total);
      List<String> splits = split == null ? null : new ArrayList<>((int) total);
      float[] values = new float[1024];
      int dim = -1;
      int row = 0;
      PageReadStore group;
      while ((group = reader.readNextRowGroup()) != null) {
        ColumnReadStore store = new ColumnReadStoreImpl(group, converter, schema, createdBy);
        ColumnReader er = store.getColumnReader(emb);
        ColumnReader ir = id == null ? null : store.getColumnReader(id);
        ColumnReader lr = store.getColumnReader(label);
        ColumnReader sr = split == null ? null : store.getColumnReader(split);
        long left = er.getTotalValueCount();
        for (long r = 0; r < group.getRowCount(); r++, row++) {
          String rowName = "row " + row;
          if (ir != null) {
            String v = flatValue(ir, file, columns.id(), row);
            ids.add(v);
            rowName = "row " + row + " (item '" + v + "')";
          }
          labels.add(flatValue(lr, file, columns.label(), row));
          if (sr != null) {
            splits.add(flatValue(sr, file, columns.split(), row));
          }
          int start = row == 0 ? 0 : row * Math.max(dim, 0);
          int n = 0;
          boolean empty = false;
          do {
            int def = er.getCurrentDefinitionLevel();
            if (def == emb.getMaxDefinitionLevel()) {
              if (start + n >= values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, start + n + 1));
              }
              float v = emb.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FLOAT ? er.getFloat() : (float) er.getDouble();
              if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(file + " column '" + columns.embedding() + "' " + rowName + " holds " + v
                    + " at dimension " + n + "; embeddings must be finite");
              }
              values[start + n] = v;
              n++;
            } else if (def >= repeatedDef) {
              throw new IllegalArgumentException(file + " column '" + columns.embedding() + "' " + rowName + " holds null at dimension "
                  + n + "; embeddings must be complete");
            } else {
              empty = true;
            }
            er.consume();
            left--;
          } while (left > 0 && er.getCurrentRepetitionLevel() != 0);
          if (empty || n == 0) {
            throw new IllegalArgumentException(file + " column '" + columns.embedding() + "' " + rowName + " has no embedding (a null or "
                + "empty list)");
          }
          if (dim < 0) {
            dim = n;
          } else if (n != dim) {
            throw new IllegalArgumentException(file + " column '" + columns.embedding() + "' " + rowName + " has " + n
                + " values but earlier rows have " + dim + "; every embedding must have the same dimension");
          }
        }
      }
      if (row == 0) {
        throw new IllegalArgumentException(file + " has no rows");
      }
      boolean intLabels = label.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32
          || label.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
      return new Contents(FloatMatrix.wrap(row, dim, Arrays.copyOf(values, row * dim)), ids, labels, intLabels, splits);
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IOException(file + " cannot be read as Parquet: " + e.getMessage(), e);
    }
  }

  private static ColumnDescriptor listColumn(Path file, MessageType schema, String name) {
    List<ColumnDescriptor> leaves = new ArrayList<>();
    for (ColumnDescriptor c : schema.getColumns()) {
      if (c.getPath()[0].equals(name)) {
        leaves.add(c);
      }
    }
    if (leaves.isEmpty()) {
      throw new IllegalArgumentException(file + " has no column '" + name + "' (it has " + topLevel(schema)
          + "); name the embedding column with --embedding-column");
    }
    ColumnDescriptor c = leaves.get(0);
    PrimitiveTypeName t = c.getPrimitiveType().getPrimitiveTypeName();
    if (leaves.size() != 1 || c.getMaxRepetitionLevel() != 1 || (t != PrimitiveTypeName.FLOAT && t != PrimitiveTypeName.DOUBLE)) {
      throw new IllegalArgumentException(file + " column '" + name + "' is " + schema.getType(name).toString().strip()
          + "; expected a list of float or double (list<float>, or a fixed-size list)");
    }
    return c;
  }

  private static ColumnDescriptor flatColumn(Path file, MessageType schema, String name, String role) {
    for (ColumnDescriptor c : schema.getColumns()) {
      if (c.getPath().length == 1 && c.getPath()[0].equals(name)) {
        PrimitiveTypeName t = c.getPrimitiveType().getPrimitiveTypeName();
        if (c.getMaxRepetitionLevel() != 0
            || !(t == PrimitiveTypeName.BINARY || t == PrimitiveTypeName.INT32 || t == PrimitiveTypeName.INT64)) {
          throw new IllegalArgumentException(file + " column '" + name + "' (" + role + ") is " + c.getPrimitiveType()
              + "; expected a flat string or integer column");
        }
        return c;
      }
    }
    throw new IllegalArgumentException(file + " has no flat column '" + name + "' for the " + role + " (it has " + topLevel(schema)
        + "); name it with --" + role + "-column");
  }

  private static List<String> topLevel(MessageType schema) {
    List<String> out = new ArrayList<>();
    for (Type t : schema.getFields()) {
      out.add(t.getName());
    }
    return out;
  }

  /** The definition level at which the repeated field of a list column is present. */
  private static int repeatedDefinitionLevel(MessageType schema, ColumnDescriptor c) {
    String[] path = c.getPath();
    for (int i = 1; i <= path.length; i++) {
      String[] prefix = Arrays.copyOf(path, i);
      if (schema.getType(prefix).isRepetition(Type.Repetition.REPEATED)) {
        return schema.getMaxDefinitionLevel(prefix);
      }
    }
    return c.getMaxDefinitionLevel();
  }

  private static String flatValue(ColumnReader r, Path file, String column, int row) {
    ColumnDescriptor c = r.getDescriptor();
    if (r.getCurrentDefinitionLevel() < c.getMaxDefinitionLevel()) {
      r.consume();
      throw new IllegalArgumentException(file + " column '" + column + "' row " + row + " is null");
    }
    String v = switch (c.getPrimitiveType().getPrimitiveTypeName()) {
      case INT32 -> Integer.toString(r.getInteger());
      case INT64 -> Long.toString(r.getLong());
      default -> r.getBinary().toStringUsingUTF8();
    };
    r.consume();
    return v;
  }
}
