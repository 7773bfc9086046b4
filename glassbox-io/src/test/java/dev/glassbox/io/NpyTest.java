package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.math.FloatMatrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir
  Path tmp;

  /** The pattern make_golden.py writes: (i·5 + j − 7) / 4 for a 3 × 5 array. */
  static FloatMatrix golden() {
    FloatMatrix m = FloatMatrix.zeros(3, 5);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        m.set(i, j, (i * 5 + j - 7) / 4f);
      }
    }
    return m;
  }

  Path resource(String name) throws IOException {
    Path p = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/npy/" + name)) {
      Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }

  @Test
  void readsEveryLayoutNumpyWrites() throws IOException {
    for (String f : new String[] {"f4_c.npy", "f4_fortran.npy", "f2_c.npy", "f4_big.npy", "f8_c.npy"}) {
      assertThat(Npy.readMatrix(resource(f))).as(f).isEqualTo(golden());
    }
    assertThat(Npy.readLongs(resource("i8_1d.npy"))).containsExactly(-3, -2, -1, 0, 1, 2, 3);
  }

  @Test
  void writesTheSameBytesAsNumpy() throws IOException {
    Path out = tmp.resolve("mine.npy");
    Npy.write(out, golden(), NpyDtype.FLOAT32);
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(resource("f4_c.npy")));
    Npy.write(out, golden(), NpyDtype.FLOAT16);
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(resource("f2_c.npy")));
    Npy.writeLongs(out, new long[] {-3, -2, -1, 0, 1, 2, 3});
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(resource("i8_1d.npy")));
  }

  @Test
  void memoryMappedReadsMatchWholeReadsForBothOrders() throws IOException {
    for (String f : new String[] {"f4_c.npy", "f4_fortran.npy", "f2_c.npy", "f4_big.npy"}) {
      try (MappedNpy m = Npy.map(resource(f))) {
        assertThat(m.toMatrix()).as(f).isEqualTo(golden());
        float[] two = new float[10];
        m.readRows(1, 2, two, 0);
        assertThat(two).containsExactly(golden().rowRange(1, 3).data());
      }
    }
  }

  @Test
  void largeRandomRoundTripThroughTheMap() throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    FloatMatrix m = FloatMatrix.zeros(3000, 77);
    for (int i = 0; i < m.data().length; i++) {
      m.data()[i] = (float) r.nextDouble(-10, 10);
    }
    Path p = tmp.resolve("big.npy");
    Npy.write(p, m, NpyDtype.FLOAT32);
    try (MappedNpy mm = Npy.map(p)) {
      assertThat(mm.toMatrix()).isEqualTo(m);
    }
  }

  @Test
  void mapsFloat64AsFloat32AndRefusesAnEmptyShape() throws IOException {
    double[][] v = {{0.5, -1.25, 3}, {1e-3, 2, -7.5}};
    for (boolean fortran : new boolean[] {false, true}) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(6 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < 6; i++) {
        b.putDouble(fortran ? v[i % 2][i / 2] : v[i / 3][i % 3]);
      }
      Path f = tmp.resolve("f8-" + fortran + ".npy");
      Files.write(f, concat(NpyHeader.encode(NpyDtype.FLOAT64, fortran, new long[] {2, 3}), b.array()));
      for (long chunk : new long[] {16, 1 << 20}) {
        try (MappedNpy mm = MappedNpy.open(f, chunk)) {
          assertThat(mm.toMatrix().data()).as("fortran %s, %d-byte maps", fortran, chunk).containsExactly(0.5f, -1.25f, 3f, 1e-3f, 2f, -7.5f);
        }
      }
    }
    Path empty = tmp.resolve("empty-dim.npy");
    Files.write(empty, NpyHeader.encode(NpyDtype.FLOAT32, false, new long[] {20, 0}));
    assertThatThrownBy(() -> Npy.map(empty)).hasMessageContaining(empty.toString()).hasMessageContaining("has shape [20, 0]")
        .hasMessageContaining("at least one item and one dimension");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void readsAcrossManySmallMapsAsAcrossOneLargeOne() throws IOException {
    // Real files above 1 GiB span several maps; tiny chunks exercise the same boundary logic.
    SplittableRandom r = new SplittableRandom(4);
    FloatMatrix m = FloatMatrix.zeros(97, 13);
    for (int i = 0; i < m.data().length; i++) {
      m.data()[i] = (float) r.nextDouble(-1, 1);
    }
    Path c = tmp.resolve("c.npy");
    Npy.write(c, m, NpyDtype.FLOAT32);
    Path h = tmp.resolve("h.npy");
    Npy.write(h, m, NpyDtype.FLOAT16);
    FloatMatrix halfRef = Npy.readMatrix(h);
    for (long chunk : new long[] {52, 100, 13 * 4 * 7, 1000}) {
      try (MappedNpy mm = MappedNpy.open(c, chunk)) {
        assertThat(mm.toMatrix()).as("float32, %d-byte maps", chunk).isEqualTo(m);
        float[] rows = new float[5 * 13];
        mm.readRows(40, 5, rows, 0);
        assertThat(rows).containsExactly(m.rowRange(40, 45).data());
      }
      try (MappedNpy mm = MappedNpy.open(h, chunk)) {
        assertThat(mm.toMatrix()).as("float16, %d-byte maps", chunk).isEqualTo(halfRef);
      }
      try (MappedNpy mm = MappedNpy.open(resource("f4_fortran.npy"), chunk)) {
        assertThat(mm.toMatrix()).as("fortran order, %d-byte maps", chunk).isEqualTo(golden());
      }
    }
  }

  @Test
  void halfConversionRoundTripsEveryHalfValue() {
    for (int h = 0; h < 65536; h++) {
      float f = Half.toFloat((short) h);
      short back = Half.fromFloat(f);
      if (Float.isNaN(f)) {
        assertThat(Float.isNaN(Half.toFloat(back))).isTrue();
      } else {
        assertThat(back & 0xffff).as("half 0x%04x", h).isEqualTo(h);
      }
    }
    assertThat(Half.toFloat(Half.fromFloat(65520f))).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(Half.toFloat(Half.fromFloat(1e-8f))).isEqualTo(0f);
    // Ties round to even: 2049 lies halfway between 2048 and 2050.
    assertThat(Half.toFloat(Half.fromFloat(2049f))).isEqualTo(2048f);
    assertThat(Half.toFloat(Half.fromFloat(2051f))).isEqualTo(2052f);
  }

  @Test
  void badFilesGiveMessagesNamingTheFile() throws IOException {
    Path junk = tmp.resolve("junk.npy");
    Files.writeString(junk, "not numpy at all");
    assertThatThrownBy(() -> Npy.readMatrix(junk)).hasMessageContaining("junk.npy is not a .npy file");
    Path ints = resource("i8_1d.npy");
    assertThatThrownBy(() -> Npy.readMatrix(ints)).hasMessageContaining("i8_1d.npy holds <i8 values; expected float32");
    Path cube = resource("f4_3d.npy");
    assertThatThrownBy(() -> Npy.readMatrix(cube)).hasMessageContaining("has shape [2, 2, 2]; expected a 2-d array");
    Path cut = tmp.resolve("cut.npy");
    byte[] full = Files.readAllBytes(resource("f4_c.npy"));
    Files.write(cut, java.util.Arrays.copyOf(full, full.length - 4));
    assertThatThrownBy(() -> Npy.readMatrix(cut)).hasMessageContaining("cut.npy is truncated");
    assertThatThrownBy(() -> Npy.readMatrix(tmp.resolve("missing.npy"))).hasMessageContaining("missing.npy");
  }

  @Test
  void aFailedWriteLeavesNoFileBehind() throws IOException {
    Path dir = tmp.resolve("ro");
    Files.createDirectory(dir);
    Path target = dir.resolve("x.npy");
    assertThatThrownBy(() -> AtomicFiles.write(target, ch -> {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
      throw new IOException("disk full");
    })).hasMessage("disk full");
    try (var s = Files.list(dir)) {
      assertThat(s).isEmpty();
    }
  }
}
