package dev.rectifier.examples.mlp;

/**
 * One SGD step of the two-layer perceptron on a {@link Problem}'s batch, repeated: each {@link
 * #run()} starts from the parameters the previous one left.
 */
public interface TrainingStep extends AutoCloseable {
  /** Runs one step and returns when it is done. */
  void run();

  /** What the last {@link #run()} computed, read back to the host. */
  Trace trace();

  /** Where the step runs, e.g. {@code CPU: plain Java GEMM, rectifier CPU: Java, 2 threads}. */
  String describe();

  /** Releases what the step holds. */
  @Override
  void close();
}
