/**
 * Image decoding and CLIP preprocessing that reproduce the reference (PIL + torchvision) byte for
 * byte: {@link dev.glassbox.encoders.image.ImageDecoder} gives PIL's view of a file (mode, samples),
 * refusing oversized, empty, truncated and non-image files with a reason; {@link
 * dev.glassbox.encoders.image.ClipPreprocessor} resizes, crops, converts and normalises as CLIP's
 * {@code _transform} does; {@link dev.glassbox.encoders.image.ImagePipeline} chains them thread-safely.
 *
 * <p>The hot paths read rasters as byte arrays, convert colour through libjpeg's tables, resample
 * only the cropped window on SIMD lanes and normalise through per-level tables; each keeps a plain
 * reference implementation that the tests compare it with, byte for byte. A thread that loads many
 * images passes an {@link dev.glassbox.encoders.image.ImageWorkspace}, which holds its buffers and
 * filter coefficients from one image to the next.
 */
package dev.glassbox.encoders.image;
