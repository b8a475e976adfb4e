package dev.rectifier;

import java.util.Arrays;

/**
 * Run in a child JVM by {@link BrokenKernelTest} and {@link WrongKernelTest}, whose kernel source
 * override does not build, or computes wrong.
 */
public final class BrokenKernelProbe {
  private BrokenKernelProbe() {}

  public static void main(String[] args) {
    try (Rectifier r = Rectifier.openCl()) {
      System.out.println("openCl=opened " + r.describe());
    } catch (RectifierException e) {
      System.out.println("openCl=" + e.getMessage());
    }
    try (Rectifier r = Rectifier.create()) {
      float[] y = new float[3];
      r.leakyRelu(new float[] {-1, 2, Float.NaN}, y, 0.5f);
      System.out.println("describe=" + r.describe());
      System.out.println("reason=" + r.reason());
      System.out.println("y=" + Arrays.toString(y));
    }
  }
}
