package dev.rectifier;

import java.util.Arrays;

/** Run in a child JVM by {@link NoOpenClTest}: what a program sees on a machine without OpenCL. */
public final class NoOpenClProbe {
  private NoOpenClProbe() {}

  public static void main(String[] args) {
    try (Rectifier r = Rectifier.create()) {
      float[] y = new float[3];
      r.relu(new float[] {-1, 2, Float.NaN}, y);
      System.out.println("describe=" + r.describe());
      System.out.println("reason=" + r.reason());
      System.out.println("y=" + Arrays.toString(y));
    }
    try (Rectifier r = Rectifier.openCl()) {
      System.out.println("openCl=opened " + r.describe());
    } catch (OpenClUnavailableException e) {
      System.out.println("openCl=" + e.getMessage());
    }
  }
}
