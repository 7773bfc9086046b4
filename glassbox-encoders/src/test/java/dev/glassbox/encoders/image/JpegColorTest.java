package dev.glassbox.encoders.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

class JpegColorTest {
  @Test
  void bulkYccConversionEqualsThePerPixelFormulasForEveryTriple() {
    // 65,536 pixels per luma level, every (Cb, Cr); bands stored as (Cr, pad, Y, Cb) to test the layout.
    int w = 65536;
    byte[] raster = new byte[w * 4];
    byte[] bulk = new byte[w * 3];
    byte[] single = new byte[w * 3];
    RasterBytes layout = new RasterBytes(raster, 0, w * 4, 4, new int[] {2, 3, 0});
    for (int y = 0; y < 256; y++) {
      for (int i = 0; i < w; i++) {
        raster[4 * i + 2] = (byte) y;
        raster[4 * i + 3] = (byte) (i >> 8);
        raster[4 * i] = (byte) i;
        JpegColor.yccToRgb(y, i >> 8, i & 0xff, single, 3 * i);
      }
      JpegColor.yccToRgb(layout, w, 1, bulk);
      assertThat(bulk).as("Y = %d", y).isEqualTo(single);
    }
  }

  @Test
  void contiguousYccOnSimdLanesEqualsThePerPixelFormulasForEveryTriple() {
    // The layout ImageIO gives (Y, Cb, Cr contiguous), which takes the vector path; odd widths and a
    // non-zero base exercise the scalar tail.
    int w = 65536;
    byte[] raster = new byte[7 + w * 3];
    byte[] single = new byte[w * 3];
    for (int y = 0; y < 256; y++) {
      for (int i = 0; i < w; i++) {
        raster[7 + 3 * i] = (byte) y;
        raster[7 + 3 * i + 1] = (byte) (i >> 8);
        raster[7 + 3 * i + 2] = (byte) i;
        JpegColor.yccToRgb(y, i >> 8, i & 0xff, single, 3 * i);
      }
      int width = y % 2 == 0 ? w : w - 1 - y;
      byte[] bulk = new byte[width * 3];
      JpegColor.yccToRgb(new RasterBytes(raster, 7, width * 3, 3, new int[] {0, 1, 2}), width, 1, bulk);
      assertThat(bulk).as("Y = %d, width %d", y, width).isEqualTo(java.util.Arrays.copyOf(single, width * 3));
    }
    byte[] small = new byte[5 * 3];
    JpegColor.yccToRgb(new RasterBytes(raster, 7, 15, 3, new int[] {0, 1, 2}), 5, 1, small);
    assertThat(small).isEqualTo(java.util.Arrays.copyOf(single, 15));
  }

  @Test
  void bulkCmykConversionsEqualThePerPixelOnes() {
    int w = 65536;
    byte[] raster = new byte[w * 4];
    RasterBytes layout = new RasterBytes(raster, 0, w * 4, 4, new int[] {0, 1, 2, 3});
    byte[] bulk = new byte[w * 4];
    byte[] single = new byte[w * 4];
    for (int y = 0; y < 256; y += 5) {
      for (int i = 0; i < w; i++) {
        raster[4 * i] = (byte) y;
        raster[4 * i + 1] = (byte) (i >> 8);
        raster[4 * i + 2] = (byte) i;
        raster[4 * i + 3] = (byte) (i * 31 + y);
        JpegColor.ycckToInvertedCmyk(y, i >> 8, i & 0xff, (i * 31 + y) & 0xff, single, 4 * i);
      }
      JpegColor.toInvertedCmyk(layout, w, 1, true, bulk);
      assertThat(bulk).as("YCCK, Y = %d", y).isEqualTo(single);
      JpegColor.toInvertedCmyk(layout, w, 1, false, bulk);
      for (int i = 0; i < raster.length; i++) {
        assertThat(bulk[i] & 0xff).isEqualTo(255 - (raster[i] & 0xff));
      }
    }
  }

  @Test
  void rasterBytesAddressesAChildRasterLikeGetPixels() {
    int w = 13;
    int h = 9;
    PixelInterleavedSampleModel model = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, w, h, 3, w * 3 + 5, new int[] {2, 0, 1});
    byte[] data = new byte[(w * 3 + 5) * h + 7];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 37);
    }
    WritableRaster parent = Raster.createWritableRaster(model, new DataBufferByte(data, data.length), null);
    Raster child = parent.createChild(3, 2, 7, 5, 10, 20, null);
    RasterBytes direct = RasterBytes.of(child);
    assertThat(direct).isNotNull();
    int[] px = new int[3];
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 7; x++) {
        child.getPixel(10 + x, 20 + y, px);
        int p = direct.base() + y * direct.scanlineStride() + x * direct.pixelStride();
        int[] got = {data[p + direct.bandOffsets()[0]] & 0xff, data[p + direct.bandOffsets()[1]] & 0xff,
            data[p + direct.bandOffsets()[2]] & 0xff};
        assertThat(got).as("(%d, %d)", x, y).isEqualTo(px);
      }
    }
    assertThat(RasterBytes.of(Raster.createPackedRaster(DataBuffer.TYPE_INT, 2, 2, 3, 8, null))).isNull();
  }
}
