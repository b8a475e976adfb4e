package dev.rectifier.cpu;

import dev.rectifier.backend.PreluShape;

/**
 * The scalar parts of PReLU on {@code float[]}, shared by {@link FloatLoops} and {@code
 * FloatVectorLoops}: the weights of a row's columns, one compensated step of a column's sum, and
 * the second pass of the weight gradient, the pairwise trees over a channel's columns and blocks.
 * The order and the operations are the contract's, as {@link PreluShape} states them; the OpenCL
 * kernels in {@code kernels/activations.cl} do the same operations in the same order.
 *
 * <p>{@link DoublePreluSums} is generated from this class, {@code double} for {@code float}, by the
 * build-time {@code PrecisionCodeGenerator}: edit this class, never DoublePreluSums, then run
 * {@code scripts/generate}.
 */
final class FloatPreluSums {
  private FloatPreluSums() {}

  /**
   * {@code row[j]} = the weight of column {@code first + j} of the shape's rows, for {@code j <
   * length}.
   */
  static void weightRow(float[] weight, PreluShape shape, int first, float[] row, int length) {
    int inner = shape.inner();
    int k = first % inner;
    int c = (first / inner) % weight.length;
    for (int j = 0; j < length; j++) {
      row[j] = weight[c];
      if (++k == inner) {
        k = 0;
        c = c + 1 == weight.length ? 0 : c + 1;
      }
    }
  }

  /**
   * The weight gradient of {@code channel} from the first pass's column sums ({@code sums[b · width
   * + p]}, {@code errors[b · width + p]} for block {@code b}, column {@code p}): the tree over the
   * channel's columns in each block, then over the blocks, then the sum and its error added when
   * the sum is finite.
   */
  static float weightGradient(float[] sums, float[] errors, PreluShape shape, int channel) {
    int blocks = shape.blocks();
    int lanes = shape.lanes();
    int width = blocks == 0 ? 0 : shape.width();
    float[] blockSums = new float[blocks];
    float[] blockErrors = new float[blocks];
    float[] laneSums = new float[lanes];
    float[] laneErrors = new float[lanes];
    for (int b = 0; b < blocks; b++) {
      for (int l = 0; l < lanes; l++) {
        int at = b * width + shape.column(channel, l);
        laneSums[l] = sums[at];
        laneErrors[l] = errors[at];
      }
      tree(laneSums, laneErrors, lanes);
      blockSums[b] = laneSums[0];
      blockErrors[b] = laneErrors[0];
    }
    if (blocks == 0) {
      return 0f;
    }
    tree(blockSums, blockErrors, blocks);
    return total(blockSums[0], blockErrors[0]);
  }

  /**
   * A channel's weight gradient from its final pair: the sum and its error added when the sum is
   * finite, else the sum alone.
   */
  static float total(float s, float e) {
    return Float.isFinite(s) ? s + e : s;
  }

  /**
   * The pairwise tree over pairs {@code [0, m)}, in place: for h = 1, 2, 4, ... pair {@code i}
   * takes in pair {@code i + h}, for every multiple {@code i} of 2h; the result is pair 0.
   */
  static void tree(float[] sums, float[] errors, int m) {
    tree(sums, errors, 0, m);
  }

  /**
   * As {@link #tree(float[], float[], int)}, over pairs {@code [from, from + m)}; the result is
   * pair {@code from}.
   */
  static void tree(float[] sums, float[] errors, int from, int m) {
    for (int h = 1; h < m; h *= 2) {
      for (int i = from; i + h < from + m; i += 2 * h) {
        float a = sums[i];
        float b = sums[i + h];
        float s = a + b;
        float bb = s - a;
        float t = (a - (s - bb)) + (b - bb);
        sums[i] = s;
        errors[i] = (errors[i] + errors[i + h]) + t;
      }
    }
  }
}
