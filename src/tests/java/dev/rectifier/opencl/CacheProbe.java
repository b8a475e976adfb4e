package dev.rectifier.opencl;

import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.RectifierException;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link CacheIntegrityTest}: opens the OpenCL device with the program binary
 * cache its environment names, and prints float and double relu of {@code [1, -2, 3, ..., 9]}, and
 * HALF and BFLOAT16 Leaky ReLU of it with alpha 0.1 (widened to float: {@link #sixteenBit}).
 */
public final class CacheProbe {
  private CacheProbe() {}

  /**
   * What the probe prints for {@code p}: the float Leaky ReLU of its input, rounded to {@code p}.
   */
  static String sixteenBit(Precision p) {
    float[] y = new float[9];
    for (int i = 0; i < y.length; i++) {
      float v = (i % 2 == 0 ? 1 : -1) * (i + 1f);
      y[i] = p.widen(p.round(v > 0 ? v : 0.1f * v));
    }
    return p + "=" + Arrays.toString(y);
  }

  public static void main(String[] args) {
    float[] x = new float[9];
    double[] xd = new double[9];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 2 == 0 ? 1 : -1) * (i + 1f);
      xd[i] = x[i];
    }
    try (Rectifier r = Rectifier.openCl()) {
      float[] y = new float[x.length];
      double[] yd = new double[x.length];
      r.relu(x, y);
      r.relu(xd, yd);
      System.out.println("float=" + Arrays.toString(y));
      System.out.println("double=" + Arrays.toString(yd));
      for (Precision p : new Precision[] {Precision.HALF, Precision.BFLOAT16}) {
        short[] bits = new short[x.length];
        p.round(x, bits);
        r.leakyRelu(p, bits, bits, 0.1f);
        float[] back = new float[x.length];
        p.widen(bits, back);
        System.out.println(p + "=" + Arrays.toString(back));
      }
    } catch (RectifierException e) {
      System.out.println("openCl=" + e.getMessage());
    }
  }
}
