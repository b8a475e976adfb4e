package dev.rectifier.examples.mlp;

import java.util.List;

/**
 * The weights and biases of the two layers (or their gradients), row-major: the hidden layer
 * computes {@code x · w1 + b1}, the output layer {@code a1 · w2 + b2}.
 *
 * @param w1 {@code inputs × hidden}
 * @param b1 {@code hidden}
 * @param w2 {@code hidden × outputs}
 * @param b2 {@code outputs}
 */
public record Parameters(float[] w1, float[] b1, float[] w2, float[] b2) {
  /** Zeros, for {@code shape}. */
  public static Parameters zeros(Shape shape) {
    return new Parameters(
        new float[shape.inputs() * shape.hidden()],
        new float[shape.hidden()],
        new float[shape.hidden() * shape.outputs()],
        new float[shape.outputs()]);
  }

  /** The parameters from {@code arrays}, in the order of {@link #arrays()}. */
  public static Parameters of(List<float[]> arrays) {
    return new Parameters(arrays.get(0), arrays.get(1), arrays.get(2), arrays.get(3));
  }

  /** The four arrays in the order w1, b1, w2, b2. */
  public List<float[]> arrays() {
    return List.of(w1, b1, w2, b2);
  }

  /** The names of {@link #arrays()}, in their order. */
  public static List<String> names() {
    return List.of("w1", "b1", "w2", "b2");
  }

  /** A deep copy. */
  public Parameters copy() {
    return new Parameters(w1.clone(), b1.clone(), w2.clone(), b2.clone());
  }
}
