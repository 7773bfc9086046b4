package dev.glassbox.encoders.embed;

import dev.glassbox.encode.EncoderIdentity;
import dev.glassbox.encoders.image.ImageDecodeException.Reason;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an embedding run did.
 *
 * @param out the dataset directory written
 * @param encoder the image encoder
 * @param items items in the collection
 * @param embedded items in the cache (all runs)
 * @param skipped images left out, in item order, with reasons (also in {@code skipped.jsonl})
 * @param resumedItems items (embedded or skipped) that an earlier, interrupted run had finished and
 *     this run took from the staging directory without decoding or embedding them again
 * @param embeddedThisRun items this run sent through the encoder
 * @param batchesThisRun batches this run processed
 * @param classesWithoutItems classes of the source none of whose images could be embedded (left out
 *     of the dataset)
 * @param wallNanos time of the whole run, from listing the staging directory to the final rename
 * @param sessionNanos time spent inside ONNX Runtime's {@code session.run} in this run
 * @param decodeNanos decode and preprocessing time summed over the decode threads in this run
 * @param alreadyComplete whether {@code out} was already this job's finished cache, left beside its
 *     staging directory by a run killed between the final rename and the staging directory's
 *     removal; this run only removed the staging directory (every item counts as resumed)
 */
public record EmbedImagesResult(Path out, EncoderIdentity encoder, int items, int embedded, List<SkippedImage> skipped,
    int resumedItems, int embeddedThisRun, int batchesThisRun, List<String> classesWithoutItems, long wallNanos, long sessionNanos,
    long decodeNanos, boolean alreadyComplete) {
  public EmbedImagesResult {
    skipped = List.copyOf(skipped);
    classesWithoutItems = List.copyOf(classesWithoutItems);
  }

  /** Skipped images per reason, in the reasons' order. */
  public Map<Reason, Integer> skippedByReason() {
    Map<Reason, Integer> m = new EnumMap<>(Reason.class);
    for (SkippedImage s : skipped) {
      m.merge(s.reason(), 1, Integer::sum);
    }
    return m;
  }

  /** (wall − session) / session: the time beyond ONNX Runtime's own, as a share of it. */
  public double overheadRatio() {
    return sessionNanos == 0 ? Double.NaN : (double) (wallNanos - sessionNanos) / sessionNanos;
  }
}
