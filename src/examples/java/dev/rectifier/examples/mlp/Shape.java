package dev.rectifier.examples.mlp;

/**
 * The sizes of a two-layer perceptron and of the batch it trains on: {@code inputs → hidden →
 * outputs}, with Leaky ReLU after the hidden layer and softmax cross-entropy after the output
 * layer.
 *
 * @param batch the rows of a batch
 * @param inputs the features of a row
 * @param hidden the units of the hidden layer
 * @param outputs the classes
 */
public record Shape(int batch, int inputs, int hidden, int outputs) {
  /** Checks that every size is positive and that the largest matrix fits a Java array. */
  public Shape {
    requirePositive("batch", batch);
    requirePositive("inputs", inputs);
    requirePositive("hidden", hidden);
    requirePositive("outputs", outputs);
    long largest =
        Math.max((long) Math.max(batch, hidden) * Math.max(inputs, outputs), (long) batch * hidden);
    if (largest > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a matrix of "
              + largest
              + " floats does not fit a Java array: "
              + describe(batch, inputs, hidden, outputs));
    }
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** The layer sizes and the batch, e.g. {@code 64-256-10, batch 4096}. */
  @Override
  public String toString() {
    return describe(batch, inputs, hidden, outputs);
  }

  private static String describe(int batch, int inputs, int hidden, int outputs) {
    return inputs + "-" + hidden + "-" + outputs + ", batch " + batch;
  }
}
