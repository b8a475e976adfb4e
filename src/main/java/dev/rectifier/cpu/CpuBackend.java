package dev.rectifier.cpu;

import dev.rectifier.Backend;
import dev.rectifier.Precision;
import dev.rectifier.Request;
import java.util.stream.IntStream;

/**
 * The Java backend: the {@link Reference} formulas over arrays, split into chunks that run on the
 * common fork-join pool when the array is large enough to pay for it.
 */
public final class CpuBackend implements Backend {
  /** Elements per chunk; arrays up to this size run on the calling thread alone. */
  static final int CHUNK = 1 << 16;

  /** A loop over elements {@code [from, to)} of a request, relative to its offsets. */
  @FunctionalInterface
  private interface Loop {
    void run(int from, int to);
  }

  @Override
  public String describe() {
    return "CPU: Java, " + Runtime.getRuntime().availableProcessors() + " threads";
  }

  @Override
  public boolean supports(Precision precision) {
    return true;
  }

  @Override
  public void run(Request r) {
    Loop loop = r.precision() == Precision.FLOAT ? floatLoop(r) : doubleLoop(r);
    int n = r.length();
    int chunks = (int) (((long) n + CHUNK - 1) / CHUNK);
    if (chunks <= 1) {
      loop.run(0, n);
    } else {
      IntStream.range(0, chunks)
          .parallel()
          .forEach(c -> loop.run(c * CHUNK, (int) Math.min((long) (c + 1) * CHUNK, n)));
    }
  }

  // The float and double loops below differ only in their element type: Java has no generics over
  // primitive arrays, and boxing would cost more than the repetition.
  private static Loop floatLoop(Request r) {
    float[] x = (float[]) r.x();
    float[] dy = (float[]) r.dy();
    float[] out = (float[]) r.out();
    float a = (float) r.alpha();
    int xo = r.xOffset();
    int dyo = r.dyOffset();
    int oo = r.outOffset();
    return switch (r.op()) {
      case RELU ->
          (f, t) -> {
            for (int i = f; i < t; i++) out[oo + i] = Reference.relu(x[xo + i]);
          };
      case RELU_GRAD ->
          (f, t) -> {
            for (int i = f; i < t; i++) out[oo + i] = Reference.reluGrad(x[xo + i], dy[dyo + i]);
          };
      case LEAKY_RELU ->
          (f, t) -> {
            for (int i = f; i < t; i++) out[oo + i] = Reference.leakyRelu(x[xo + i], a);
          };
      case LEAKY_RELU_GRAD ->
          (f, t) -> {
            for (int i = f; i < t; i++)
              out[oo + i] = Reference.leakyReluGrad(x[xo + i], dy[dyo + i], a);
          };
    };
  }

  private static Loop doubleLoop(Request r) {
    double[] x = (double[]) r.x();
    double[] dy = (double[]) r.dy();
    double[] out = (double[]) r.out();
    double a = r.alpha();
    int xo = r.xOffset();
    int dyo = r.dyOffset();
    int oo = r.outOffset();
    return switch (r.op()) {
      case RELU ->
          (f, t) -> {
            for (int i = f; i < t; i++) out[oo + i] = Reference.relu(x[xo + i]);
          };
      case RELU_GRAD ->
          (f, t) -> {
            for (int i = f; i < t; i++) out[oo + i] = Reference.reluGrad(x[xo + i], dy[dyo + i]);
          };
      case LEAKY_RELU ->
          (f, t) -> {
            for (int i = f; i < t; i++) out[oo + i] = Reference.leakyRelu(x[xo + i], a);
          };
      case LEAKY_RELU_GRAD ->
          (f, t) -> {
            for (int i = f; i < t; i++)
              out[oo + i] = Reference.leakyReluGrad(x[xo + i], dy[dyo + i], a);
          };
    };
  }

  /** Nothing to release. */
  @Override
  public void close() {}
}
