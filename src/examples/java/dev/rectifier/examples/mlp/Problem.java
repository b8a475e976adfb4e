package dev.rectifier.examples.mlp;

import java.util.Random;

/**
 * What a training step starts from: one batch of inputs and labels, the network's starting
 * parameters, the Leaky ReLU slope and the learning rate. Every step trains on the same batch.
 *
 * @param shape the sizes
 * @param x the inputs, {@code batch × inputs}
 * @param labels the class of each row, each in {@code [0, outputs)}
 * @param start the parameters before the first step
 * @param alpha the Leaky ReLU slope for {@code x ≤ 0}
 * @param learningRate the step size of plain SGD
 */
public record Problem(
    Shape shape, float[] x, int[] labels, Parameters start, float alpha, float learningRate) {
  /** The slope every example uses, the usual default. */
  public static final float ALPHA = 0.01f;

  /** The learning rate every example uses. */
  public static final float LEARNING_RATE = 0.1f;

  /**
   * A random problem from {@code seed}: normal inputs, labeled by the largest output of a random
   * linear map (so that there is something to learn), He-initialized weights and small random
   * biases (not zeros, so that a bias left out changes the result).
   */
  public static Problem random(Shape shape, long seed) {
    Random random = new Random(seed);
    float[] x = normal(random, shape.batch() * shape.inputs(), 1);
    float[] teacher = normal(random, shape.inputs() * shape.outputs(), 1);
    float[] scores = new float[shape.batch() * shape.outputs()];
    HostMath.multiply(
        x, false, teacher, false, scores, shape.batch(), shape.outputs(), shape.inputs());
    int[] labels = new int[shape.batch()];
    for (int i = 0; i < labels.length; i++) {
      int at = i * shape.outputs();
      for (int j = 1; j < shape.outputs(); j++) {
        if (scores[at + j] > scores[at + labels[i]]) {
          labels[i] = j;
        }
      }
    }
    Parameters start =
        new Parameters(
            normal(random, shape.inputs() * shape.hidden(), Math.sqrt(2.0 / shape.inputs())),
            normal(random, shape.hidden(), 0.1),
            normal(random, shape.hidden() * shape.outputs(), Math.sqrt(2.0 / shape.hidden())),
            normal(random, shape.outputs(), 0.1));
    return new Problem(shape, x, labels, start, ALPHA, LEARNING_RATE);
  }

  private static float[] normal(Random random, int length, double sigma) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) (random.nextGaussian() * sigma);
    }
    return values;
  }
}
