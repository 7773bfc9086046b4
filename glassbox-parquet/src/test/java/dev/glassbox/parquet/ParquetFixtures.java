package dev.glassbox.parquet;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.DelegatingPositionOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes small Parquet files for tests, in the list encodings real writers use, through Parquet's
 * own writer (no Python, no Hadoop).
 */
public final class ParquetFixtures {
  private ParquetFixtures() {}

  /** How the embedding column is laid out. */
  public enum ListEncoding {
    /** The standard 3-level LIST, as pyarrow and Spark write it (also for Arrow fixed-size lists). */
    STANDARD("optional group embedding (LIST) { repeated group list { optional float element; } }"),
    /** The legacy 2-level form of older writers. */
    LEGACY("required group embedding (LIST) { repeated float array; }"),
    /** A bare repeated field. */
    REPEATED("repeated double embedding;");

    final String schema;

    ListEncoding(String schema) {
      this.schema = schema;
    }
  }

  /** One row: id, label (a string, or an Integer for an int32 column), embedding (a null element for null). */
  public record Row(String id, Object label, Float[] embedding) {}

  public static void write(Path file, ListEncoding enc, boolean intLabels, List<Row> rows) throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("message m { required binary id (STRING); "
        + (intLabels ? "required int32 label; " : "required binary label (STRING); ") + enc.schema + " }");
    OutputFile out = new OutputFile() {
      @Override
      public PositionOutputStream create(long blockSizeHint) throws IOException {
        return createOrOverwrite(blockSizeHint);
      }

      @Override
      public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        FileOutputStream fos = new FileOutputStream(file.toFile());
        return new DelegatingPositionOutputStream(fos) {
          @Override
          public long getPos() throws IOException {
            return fos.getChannel().position();
          }
        };
      }

      @Override
      public boolean supportsBlockSize() {
        return false;
      }

      @Override
      public long defaultBlockSize() {
        return 1024L;
      }
    };
    try (ParquetWriter<Row> w = new Builder(out, schema, enc).withCompressionCodec(CompressionCodecName.SNAPPY)
        .withRowGroupSize(4096L).withPageSize(512).build()) {
      for (Row r : rows) {
        w.write(r);
      }
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final MessageType schema;
    private final ListEncoding enc;

    Builder(OutputFile file, MessageType schema, ListEncoding enc) {
      super(file);
      this.schema = schema;
      this.enc = enc;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return new WriteSupport<>() {
        private RecordConsumer rc;

        @Override
        public WriteContext init(Configuration configuration) {
          return new WriteContext(schema, Collections.emptyMap());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
          this.rc = recordConsumer;
        }

        @Override
        public void write(Row r) {
          rc.startMessage();
          rc.startField("id", 0);
          rc.addBinary(Binary.fromString(r.id()));
          rc.endField("id", 0);
          rc.startField("label", 1);
          if (r.label() instanceof Integer i) {
            rc.addInteger(i);
          } else {
            rc.addBinary(Binary.fromString((String) r.label()));
          }
          rc.endField("label", 1);
          writeEmbedding(r.embedding());
          rc.endMessage();
        }

        private void writeEmbedding(Float[] v) {
          switch (enc) {
            case STANDARD -> {
              if (v == null) {
                return;
              }
              rc.startField("embedding", 2);
              rc.startGroup();
              if (v.length > 0) {
                rc.startField("list", 0);
                for (Float x : v) {
                  rc.startGroup();
                  if (x != null) {
                    rc.startField("element", 0);
                    rc.addFloat(x);
                    rc.endField("element", 0);
                  }
                  rc.endGroup();
                }
                rc.endField("list", 0);
              }
              rc.endGroup();
              rc.endField("embedding", 2);
            }
            case LEGACY -> {
              rc.startField("embedding", 2);
              rc.startGroup();
              if (v.length > 0) {
                rc.startField("array", 0);
                for (Float x : v) {
                  rc.addFloat(x);
                }
                rc.endField("array", 0);
              }
              rc.endGroup();
              rc.endField("embedding", 2);
            }
            case REPEATED -> {
              if (v.length > 0) {
                rc.startField("embedding", 2);
                for (Float x : v) {
                  rc.addDouble(x);
                }
                rc.endField("embedding", 2);
              }
            }
          }
        }
      };
    }
  }
}
