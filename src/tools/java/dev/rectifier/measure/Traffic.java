package dev.rectifier.measure;

import dev.rectifier.Op;

/** What an op moves through memory, for the bandwidth figures of the bench and JMH. */
public final class Traffic {
  private Traffic() {}

  /** The arrays {@code op} touches per element: the inputs it reads plus the output it writes. */
  public static int arrays(Op op) {
    return op.isGradient() ? 3 : 2;
  }
}
