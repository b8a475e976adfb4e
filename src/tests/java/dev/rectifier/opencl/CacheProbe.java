package dev.rectifier.opencl;

import dev.rectifier.Rectifier;
import dev.rectifier.RectifierException;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link CacheIntegrityTest}: opens the OpenCL device with the program binary
 * cache its environment names, and prints float and double relu of {@code [1, -2, 3, ..., 9]}.
 */
public final class CacheProbe {
  private CacheProbe() {}

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
    } catch (RectifierException e) {
      System.out.println("openCl=" + e.getMessage());
    }
  }
}
