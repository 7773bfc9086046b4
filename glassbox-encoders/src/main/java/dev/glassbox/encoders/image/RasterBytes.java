package dev.glassbox.encoders.image;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/**
 * Direct access to a {@link Raster} whose samples are bytes in one bank: sample {@code (x, y, b)}
 * (relative to the raster's corner) is {@code data[base + y·scanlineStride + x·pixelStride +
 * bandOffsets[b]]}. Reading the array directly replaces {@code Raster.getPixels}, which copies each
 * row into an {@code int[]} through several virtual calls per sample.
 */
record RasterBytes(byte[] data, int base, int scanlineStride, int pixelStride, int[] bandOffsets) {
  /**
   * The layout of {@code raster}, or null when its samples are not 8-bit bytes in a single bank
   * described by a {@link ComponentSampleModel} (packed, multi-bank or wider rasters take the
   * general path).
   */
  static RasterBytes of(Raster raster) {
    if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || !(raster.getSampleModel() instanceof ComponentSampleModel model)) {
      return null;
    }
    for (int bank : model.getBankIndices()) {
      if (bank != 0) {
        return null;
      }
    }
    for (int bits : model.getSampleSize()) {
      if (bits != 8) {
        return null;
      }
    }
    int x0 = raster.getMinX() - raster.getSampleModelTranslateX();
    int y0 = raster.getMinY() - raster.getSampleModelTranslateY();
    int base = buffer.getOffsets()[0] + y0 * model.getScanlineStride() + x0 * model.getPixelStride();
    return new RasterBytes(buffer.getData(0), base, model.getScanlineStride(), model.getPixelStride(), model.getBandOffsets());
  }
}
