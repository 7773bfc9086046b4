/**
 * Image decoding and CLIP preprocessing that reproduce the reference (PIL + torchvision) byte for
 * byte: {@link dev.glassbox.encoders.image.ImageDecoder} gives PIL's view of a file (mode, samples),
 * refusing oversized, empty, truncated and non-image files with a reason; {@link
 * dev.glassbox.encoders.image.ClipPreprocessor} resizes, crops, converts and normalises as CLIP's
 * {@code _transform} does; {@link dev.glassbox.encoders.image.ImagePipeline} chains them thread-safely.
 */
package dev.glassbox.encoders.image;
