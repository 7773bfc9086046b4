package dev.glassbox.world.tower;

import dev.glassbox.deep.align.AlignmentConfig;
import dev.glassbox.encode.convnet.ConvNetSpec;
import dev.glassbox.encoders.onnx.MiniLmTextEncoder;
import dev.glassbox.world.CaptionGenerator;
import dev.glassbox.world.WorldConfig;
import java.util.Objects;

/**
 * How the concept world's image tower is trained (see {@link ImageTowerTrainer}).
 *
 * @param trainWorld the world whose images and captions train the tower. Default: seed 1001
 *     (never the demo's seed 1), 24 species × 1 000 images of 128 × 128 (24 000 images)
 * @param heldOutWorld the world that measures it each epoch and at the end. Default: seed 2002,
 *     24 species × 40 images (960 images)
 * @param sentenceCaptions sentence captions drawn per training image by the world's
 *     {@link CaptionGenerator} (1–4 present concepts in a template, canonical phrases only), in
 *     [1, 64]. Default 3
 * @param phraseCaptions whether each present concept's bare canonical phrase ("yellow crown") is a
 *     caption of the image too; then half of each epoch's draws are such phrases and half are
 *     sentences. Default true: zero-shot detection scores bare phrases
 * @param captionSeed seed of the sentence captions. Default 7
 * @param alignment the contrastive trainer's settings. Default: {@link AlignmentConfig#defaults()}
 *     with 10 epochs and seed 1001
 * @param architecture the network. Default {@link ConvNetSpec#defaults(int)} at MiniLM's 384-d
 * @param float16 whether the weights are stored as float16 (half the size; the saved metrics are
 *     measured with the stored weights). Default true
 */
public record ImageTowerTrainingConfig(
    WorldConfig trainWorld, WorldConfig heldOutWorld, int sentenceCaptions, boolean phraseCaptions, long captionSeed,
    AlignmentConfig alignment, ConvNetSpec architecture, boolean float16) {

  public ImageTowerTrainingConfig {
    Objects.requireNonNull(trainWorld, "trainWorld");
    Objects.requireNonNull(heldOutWorld, "heldOutWorld");
    Objects.requireNonNull(alignment, "alignment");
    Objects.requireNonNull(architecture, "architecture");
    if (sentenceCaptions < 1 || sentenceCaptions > 64) {
      throw new IllegalArgumentException("sentenceCaptions must be in [1, 64], got " + sentenceCaptions);
    }
    if (trainWorld.seed() == heldOutWorld.seed()) {
      throw new IllegalArgumentException("the training and held-out worlds have the same seed " + trainWorld.seed()
          + "; give the held-out world its own seed so that its images are new");
    }
    if (trainWorld.imageSize() != architecture.inputSize() || heldOutWorld.imageSize() != architecture.inputSize()) {
      throw new IllegalArgumentException("the worlds draw " + trainWorld.imageSize() + " and " + heldOutWorld.imageSize()
          + "-pixel images but the network takes " + architecture.inputSize() + "; use the same size");
    }
    if (architecture.embeddingDim() != MiniLmTextEncoder.DIM) {
      throw new IllegalArgumentException("the network gives " + architecture.embeddingDim() + "-d embeddings but the text tower "
          + MiniLmTextEncoder.NAME + " gives " + MiniLmTextEncoder.DIM + "-d; set embeddingDim to " + MiniLmTextEncoder.DIM);
    }
  }

  /** Seed of the default training world. */
  public static final long TRAIN_SEED = 1001;
  /** Seed of the default held-out world. */
  public static final long HELD_OUT_SEED = 2002;

  public static ImageTowerTrainingConfig defaults() {
    return new ImageTowerTrainingConfig(
        WorldConfig.defaults().withSeed(TRAIN_SEED).withImagesPerSpecies(1000),
        WorldConfig.defaults().withSeed(HELD_OUT_SEED).withImagesPerSpecies(40),
        3, true, 7, AlignmentConfig.defaults().withEpochs(10).withSeed(TRAIN_SEED),
        ConvNetSpec.defaults(MiniLmTextEncoder.DIM), true);
  }

  public ImageTowerTrainingConfig withTrainWorld(WorldConfig v) {
    return new ImageTowerTrainingConfig(v, heldOutWorld, sentenceCaptions, phraseCaptions, captionSeed, alignment, architecture,
        float16);
  }

  public ImageTowerTrainingConfig withHeldOutWorld(WorldConfig v) {
    return new ImageTowerTrainingConfig(trainWorld, v, sentenceCaptions, phraseCaptions, captionSeed, alignment, architecture,
        float16);
  }

  public ImageTowerTrainingConfig withSentenceCaptions(int v) {
    return new ImageTowerTrainingConfig(trainWorld, heldOutWorld, v, phraseCaptions, captionSeed, alignment, architecture, float16);
  }

  public ImageTowerTrainingConfig withPhraseCaptions(boolean v) {
    return new ImageTowerTrainingConfig(trainWorld, heldOutWorld, sentenceCaptions, v, captionSeed, alignment, architecture,
        float16);
  }

  public ImageTowerTrainingConfig withCaptionSeed(long v) {
    return new ImageTowerTrainingConfig(trainWorld, heldOutWorld, sentenceCaptions, phraseCaptions, v, alignment, architecture,
        float16);
  }

  public ImageTowerTrainingConfig withAlignment(AlignmentConfig v) {
    return new ImageTowerTrainingConfig(trainWorld, heldOutWorld, sentenceCaptions, phraseCaptions, captionSeed, v, architecture,
        float16);
  }

  public ImageTowerTrainingConfig withArchitecture(ConvNetSpec v) {
    return new ImageTowerTrainingConfig(trainWorld, heldOutWorld, sentenceCaptions, phraseCaptions, captionSeed, alignment, v,
        float16);
  }

  public ImageTowerTrainingConfig withFloat16(boolean v) {
    return new ImageTowerTrainingConfig(trainWorld, heldOutWorld, sentenceCaptions, phraseCaptions, captionSeed, alignment,
        architecture, v);
  }
}
