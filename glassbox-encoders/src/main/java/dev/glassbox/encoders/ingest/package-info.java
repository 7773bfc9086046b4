/**
 * Where the images of a dataset come from: an image folder (one sub-folder per class) or a CSV/JSONL
 * manifest, listed in a deterministic (sorted) order ({@link dev.glassbox.encoders.ingest.ImageCollection}).
 */
package dev.glassbox.encoders.ingest;
