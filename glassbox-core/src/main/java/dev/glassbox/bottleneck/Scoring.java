package dev.glassbox.bottleneck;

/**
 * How a projection bottleneck turns an image embedding {@code x} and a concept direction
 * {@code v_k} into a raw concept score, before the optional standardisation.
 */
public enum Scoring {
  /** {@code v_k·x + b_k}: LaBo's default (unnormalised features), and PCBM's margin when the
   * directions are unit CAVs with intercept {@code b/‖w‖}. */
  DOT,
  /** {@code cos(x, v_k) + b_k}: the CLIP image–text similarity Label-free CBM filters with. */
  COSINE,
  /**
   * {@code (cos(x, v_k) − m_k)³}, with {@code m_k} the training mean of the cosine: the centred,
   * cubed similarity that Label-free CBM's cos³ objective compares (centre over the data, cube
   * elementwise). Cubing keeps the sign and stretches strong activations relative to weak ones.
   */
  COS_CUBED;
}
