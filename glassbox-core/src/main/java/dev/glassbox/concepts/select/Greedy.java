package dev.glassbox.concepts.select;

import java.util.SplittableRandom;

/**
 * Greedy maximisers of a monotone submodular function under a cardinality budget {@code k}.
 *
 * <p>Ties are broken by index: among items with equal gain the lowest index is chosen. Plain and
 * lazy greedy therefore return identical picks, in the same order, for every function that meets
 * the exactness contract of {@link SubmodularFunction}. Greedy's value is at least
 * {@code (1 − 1/e)} of the optimum (Nemhauser, Wolsey and Fisher 1978).
 */
public enum Greedy {
  /**
   * The reference: each step computes the gain of every remaining item and takes the best,
   * {@code O(n·k)} gains.
   */
  PLAIN {
    @Override
    public GreedyResult maximize(SubmodularFunction f, int k, SplittableRandom random, double epsilon) {
      int n = checkBudget(f, k);
      f.reset();
      int[] remaining = new int[n];
      for (int i = 0; i < n; i++) {
        remaining[i] = i;
      }
      int r = n;
      double[] g = new double[n];
      int[] picks = new int[k];
      long evals = 0;
      for (int t = 0; t < k; t++) {
        f.gains(remaining, r, g);
        evals += r;
        int best = 0;
        for (int i = 1; i < r; i++) {
          // remaining stays ascending, so strict '>' keeps the lowest index on ties.
          if (g[i] > g[best]) {
            best = i;
          }
        }
        picks[t] = remaining[best];
        f.add(picks[t]);
        System.arraycopy(remaining, best + 1, remaining, best, r - best - 1);
        r--;
      }
      return new GreedyResult(picks, f.value(), evals);
    }
  },

  /**
   * Lazy greedy (Minoux 1978): gains only shrink as the set grows, so a gain computed earlier is an
   * upper bound. Items wait in a max-heap of these bounds (ordered by bound, then index); the top
   * item is re-evaluated, and taken once its bound is fresh for the current step. A fresh top item
   * beats every other item's bound, hence every other item's gain, and wins ties by index: the same
   * item plain greedy takes.
   */
  LAZY {
    @Override
    public GreedyResult maximize(SubmodularFunction f, int k, SplittableRandom random, double epsilon) {
      int n = checkBudget(f, k);
      f.reset();
      // The heap keeps each item's bound beside it (key[h] belongs to heap[h]), so sifting reads
      // contiguous keys rather than chasing indices.
      int[] heap = new int[n];
      double[] key = new double[n];
      int[] freshAt = new int[n];
      for (int i = 0; i < n; i++) {
        heap[i] = i;
      }
      f.gains(heap, n, key);
      long evals = n;
      int size = n;
      heapify(heap, key, size);
      int[] picks = new int[k];
      int[] stale = new int[n];
      double[] fresh = new double[n];
      for (int t = 0; t < k; t++) {
        int failures = 0;
        while (true) {
          int top = heap[0];
          if (freshAt[top] == t) {
            picks[t] = top;
            f.add(top);
            size--;
            heap[0] = heap[size];
            key[0] = key[size];
            siftDown(heap, key, size, 0);
            break;
          }
          double g = f.gain(top);
          evals++;
          freshAt[top] = t;
          boolean collapsed = g < COLLAPSE_RATIO * key[0];
          if (collapsed && ++failures >= COLLAPSE_FAILURES && size > 4 * COLLAPSE_FAILURES) {
            // The bounds have collapsed (one pick covered most of what every item offered, as the
            // first pick of a facility location does): after this many failed re-evaluations in
            // one step, refreshing every stale item in one sequential batch and re-heapifying
            // costs less than popping them one by one. The refreshed values are exact current
            // gains, so the picks do not change.
            key[0] = g;
            int ns = 0;
            for (int h = 1; h < size; h++) {
              if (freshAt[heap[h]] != t) {
                stale[ns++] = heap[h];
              }
            }
            f.gains(stale, ns, fresh);
            evals += ns;
            for (int h = 1, q = 0; h < size; h++) {
              if (freshAt[heap[h]] != t) {
                freshAt[heap[h]] = t;
                key[h] = fresh[q++];
              }
            }
            heapify(heap, key, size);
            continue;
          }
          key[0] = g;
          siftDown(heap, key, size, 0);
        }
      }
      return new GreedyResult(picks, f.value(), evals);
    }
  },

  /**
   * Stochastic greedy (Mirzasoleiman, Badanidiyuru, Karbasi, Vondrák and Krause, "Lazier Than Lazy
   * Greedy", AAAI 2015): each step evaluates a uniform random sample of
   * {@code ⌈(n/k)·ln(1/ε)⌉} remaining items and takes the best of them, {@code O(n·ln(1/ε))} gains
   * in all, with value ≥ {@code (1 − 1/e − ε)} of the optimum in expectation. Draws come from
   * {@code random} only, so a seed replays the run.
   */
  STOCHASTIC {
    @Override
    public GreedyResult maximize(SubmodularFunction f, int k, SplittableRandom random, double epsilon) {
      int n = checkBudget(f, k);
      if (!(epsilon > 0 && epsilon < 1)) {
        throw new IllegalArgumentException("stochastic greedy epsilon must be in (0, 1), got " + epsilon);
      }
      f.reset();
      int sample = (int) Math.min(n, Math.ceil((double) n / k * Math.log(1 / epsilon)));
      sample = Math.max(1, sample);
      int[] remaining = new int[n];
      for (int i = 0; i < n; i++) {
        remaining[i] = i;
      }
      int r = n;
      double[] g = new double[sample];
      int[] drawn = new int[sample];
      int[] picks = new int[k];
      long evals = 0;
      for (int t = 0; t < k; t++) {
        int s = Math.min(sample, r);
        // Partial Fisher–Yates: the first s slots of remaining become a uniform sample.
        for (int i = 0; i < s; i++) {
          int j = i + random.nextInt(r - i);
          int tmp = remaining[i];
          remaining[i] = remaining[j];
          remaining[j] = tmp;
          drawn[i] = remaining[i];
        }
        f.gains(drawn, s, g);
        evals += s;
        int best = 0;
        for (int i = 1; i < s; i++) {
          if (g[i] > g[best] || (g[i] == g[best] && drawn[i] < drawn[best])) {
            best = i;
          }
        }
        picks[t] = drawn[best];
        f.add(picks[t]);
        remaining[best] = remaining[--r];
      }
      return new GreedyResult(picks, f.value(), evals);
    }
  };

  /**
   * Lazy greedy refreshes all stale items in one batch once this many re-evaluations within one
   * step have each found the gain below {@link #COLLAPSE_RATIO} of its bound.
   */
  static final int COLLAPSE_FAILURES = 8;

  /** A re-evaluated gain below this share of its bound counts towards a collapse. */
  static final double COLLAPSE_RATIO = 0.1;

  /**
   * Maximises {@code f} over sets of {@code k} items.
   *
   * @param random the draws of {@link #STOCHASTIC} (unused by the others)
   * @param epsilon {@link #STOCHASTIC}'s accuracy ε in (0, 1) (unused by the others)
   */
  public abstract GreedyResult maximize(SubmodularFunction f, int k, SplittableRandom random, double epsilon);

  private static int checkBudget(SubmodularFunction f, int k) {
    int n = f.size();
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("greedy budget k must be in [1, " + n + "] for " + n + " items, got " + k);
    }
    return n;
  }

  /** Heap order: bound descending, then index ascending. */
  private static boolean before(double ka, int a, double kb, int b) {
    return ka > kb || (ka == kb && a < b);
  }

  private static void heapify(int[] heap, double[] key, int size) {
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(heap, key, size, i);
    }
  }

  private static void siftDown(int[] heap, double[] key, int size, int i) {
    int x = heap[i];
    double kx = key[i];
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      int c = r < size && before(key[r], heap[r], key[l], heap[l]) ? r : l;
      if (!before(key[c], heap[c], kx, x)) {
        break;
      }
      heap[i] = heap[c];
      key[i] = key[c];
      i = c;
    }
    heap[i] = x;
    key[i] = kx;
  }
}
