package dev.glassbox.deep.align;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with decoupled weight decay (Kingma and Ba, 2015; Loshchilov and Hutter, 2019), updating
 * DJL arrays in place: {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
 * {@code p ← p − lr·(m̂/(√v̂ + ε) + λ·p)} with bias-corrected {@code m̂, v̂}; then the gradient is
 * zeroed (the engine accumulates gradients across backward passes). Call it outside any gradient
 * collector and inside an {@code NDScope}, which frees the temporaries.
 */
final class AdamW {
  private final List<NDArray> params = new ArrayList<>();
  private final List<Boolean> decay = new ArrayList<>();
  private final List<NDArray> m = new ArrayList<>();
  private final List<NDArray> v = new ArrayList<>();
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final float weightDecay;
  private int step;

  AdamW(double beta1, double beta2, double epsilon, double weightDecay) {
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
    this.weightDecay = (float) weightDecay;
  }

  /** Registers parameters; their moment buffers are created now, outside any scope. */
  void add(List<NDArray> ps, boolean withDecay) {
    for (NDArray p : ps) {
      params.add(p);
      decay.add(withDecay);
      m.add(p.zerosLike());
      v.add(p.zerosLike());
    }
  }

  void step(double lr) {
    step++;
    float c1 = (float) (1 - Math.pow(beta1, step));
    float c2 = (float) (1 - Math.pow(beta2, step));
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      NDArray g = p.getGradient();
      m.get(i).muli(beta1).addi(g.mul(1 - beta1));
      v.get(i).muli(beta2).addi(g.square().muli(1 - beta2));
      NDArray update = m.get(i).div(c1).divi(v.get(i).div(c2).sqrt().addi(epsilon));
      if (decay.get(i) && weightDecay > 0) {
        update.addi(p.mul(weightDecay));
      }
      p.subi(update.muli((float) lr));
      g.muli(0f);
    }
  }

  void close() {
    m.forEach(NDArray::close);
    v.forEach(NDArray::close);
  }
}
