package dev.rectifier.examples.mlp;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Plain-Java arithmetic on row-major float matrices: what {@link CpuStep} trains with and what
 * {@link StepCheck} recomputes the device's results with. The matrix product runs its rows in
 * parallel on the common fork-join pool; nothing else is parallel.
 */
final class HostMath {
  private HostMath() {}

  /**
   * {@code c = op(a) · op(b)}, {@code c} being {@code m × n} and the sum running over {@code k}:
   * {@code op(a)} is {@code a} ({@code m × k}) or, transposed, the transpose of {@code a} ({@code k
   * × m}); {@code op(b)} likewise ({@code k × n}, or {@code n × k} transposed).
   */
  static void multiply(
      float[] a,
      boolean transposeA,
      float[] b,
      boolean transposeB,
      float[] c,
      int m,
      int n,
      int k) {
    IntStream.range(0, m)
        .parallel()
        .forEach(
            i -> {
              int row = i * n;
              if (transposeB) {
                for (int j = 0; j < n; j++) {
                  float sum = 0;
                  for (int p = 0; p < k; p++) {
                    sum += element(a, transposeA, i, p, m, k) * b[j * k + p];
                  }
                  c[row + j] = sum;
                }
              } else {
                Arrays.fill(c, row, row + n, 0f);
                for (int p = 0; p < k; p++) {
                  float aip = element(a, transposeA, i, p, m, k);
                  int bRow = p * n;
                  for (int j = 0; j < n; j++) {
                    c[row + j] += aip * b[bRow + j];
                  }
                }
              }
            });
  }

  /** Element {@code (i, p)} of {@code op(a)}, an {@code m × k} matrix. */
  private static float element(float[] a, boolean transposed, int i, int p, int m, int k) {
    return transposed ? a[p * m + i] : a[i * k + p];
  }

  /**
   * {@code out = x · w + b}, a layer's pre-activation: {@code x} is {@code rows × k}, {@code w} is
   * {@code k × b.length}.
   */
  static void affine(float[] x, float[] w, float[] b, float[] out, int rows, int k) {
    multiply(x, false, w, false, out, rows, b.length, k);
    addToRows(out, b);
  }

  /** Adds {@code row} to every row of {@code c} ({@code rows × row.length}). */
  static void addToRows(float[] c, float[] row) {
    for (int at = 0; at < c.length; at += row.length) {
      for (int j = 0; j < row.length; j++) {
        c[at + j] += row[j];
      }
    }
  }

  /** {@code sums[j]} = the sum of column {@code j} of {@code a} ({@code rows × sums.length}). */
  static void columnSums(float[] a, float[] sums) {
    Arrays.fill(sums, 0f);
    for (int at = 0; at < a.length; at += sums.length) {
      for (int j = 0; j < sums.length; j++) {
        sums[j] += a[at + j];
      }
    }
  }

  /** {@code y += factor · x}. */
  static void addScaled(float factor, float[] x, float[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += factor * x[i];
    }
  }

  /** Each element's absolute value, in a new array. */
  static float[] abs(float[] a) {
    float[] result = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      result[i] = Math.abs(a[i]);
    }
    return result;
  }

  /**
   * Softmax cross-entropy of the logits {@code z} ({@code labels.length × classes}) against the
   * labels, as the example's kernel {@code softmax_cross_entropy} computes it: writes its gradient
   * with respect to {@code z}, {@code (softmax(z) − onehot(label)) / rows}, into {@code dz} and
   * returns the mean loss over the rows.
   */
  static float softmaxCrossEntropy(float[] z, int[] labels, int classes, float[] dz) {
    int rows = labels.length;
    float perRow = 1f / rows;
    double loss = 0;
    for (int i = 0; i < rows; i++) {
      int at = i * classes;
      float max = z[at];
      for (int j = 1; j < classes; j++) {
        max = Math.max(max, z[at + j]);
      }
      float sum = 0;
      for (int j = 0; j < classes; j++) {
        sum += (float) Math.exp(z[at + j] - max);
      }
      loss += ((float) Math.log(sum) - (z[at + labels[i]] - max)) * perRow;
      for (int j = 0; j < classes; j++) {
        float p = (float) Math.exp(z[at + j] - max) / sum;
        dz[at + j] = (p - (j == labels[i] ? 1f : 0f)) * perRow;
      }
    }
    return (float) loss;
  }
}
