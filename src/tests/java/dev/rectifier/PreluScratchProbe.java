package dev.rectifier;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Run in a child JVM by {@link PreluScratchTest}, in a heap a little larger than its three arrays:
 * preluGrad on {@code args[0]} ({@code cpu} or {@code opencl}) of float {@code x}, {@code dy} and
 * {@code dx} of {@code args[3]} elements as {@code args[1]} channels × {@code args[2]} inner.
 * Prints each scratch size the OpenCL device logs ({@code scratch=}), then {@code dweight0=} the
 * first weight gradient, which the test checks against the closed form of its inputs.
 */
public final class PreluScratchProbe {
  /** Holds the handler, which the logging framework holds only weakly through its logger. */
  private static final Logger RECTIFIER = Logger.getLogger("dev.rectifier");

  private PreluScratchProbe() {}

  public static void main(String[] args) {
    RECTIFIER.setLevel(Level.FINE);
    RECTIFIER.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getMessage().contains("bytes of scratch")) {
              System.out.println("scratch=" + r.getParameters()[2]);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    int channels = Integer.parseInt(args[1]);
    int inner = Integer.parseInt(args[2]);
    int n = Integer.parseInt(args[3]);
    float[] x = new float[n];
    float[] dy = new float[n];
    float[] dx = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? -1f : 1f; // terms -1 · dy for even i, +0 for odd
      dy[i] = 0.5f;
    }
    float[] weight = new float[channels];
    float[] dweight = new float[channels];
    try (Rectifier r = args[0].equals("cpu") ? Rectifier.cpu() : Rectifier.openCl()) {
      r.preluGrad(x, dy, dx, weight, inner, dweight);
    }
    System.out.println("dweight0=" + dweight[0]);
  }
}
