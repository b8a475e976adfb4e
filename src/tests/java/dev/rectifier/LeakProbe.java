package dev.rectifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link LeakTest}: {@code count} OpenCL create/close {@code cycles} or
 * {@code calls} on one Rectifier, after a warm-up of a tenth as many, printing the resident set
 * size (kB) after the warm-up and at the end.
 */
public final class LeakProbe {
  private static final int SIZE = 4096;
  private static final float[] X = new float[SIZE];
  private static final float[] Y = new float[SIZE];
  private static final double[] XD = new double[SIZE];

  private LeakProbe() {}

  public static void main(String[] args) throws IOException {
    boolean cycles = args[0].equals("cycles");
    int count = Integer.parseInt(args[1]);
    try (Rectifier r = Rectifier.openCl()) {
      Runnable step = cycles ? LeakProbe::cycle : () -> call(r);
      repeat(step, count / 10);
      System.out.println("warm=" + rssKb());
      repeat(step, count);
      System.out.println("end=" + rssKb());
    }
  }

  private static void repeat(Runnable step, int times) {
    for (int i = 0; i < times; i++) {
      step.run();
    }
  }

  private static void cycle() {
    try (Rectifier r = Rectifier.openCl()) {
      r.leakyRelu(X, Y, 0.5f);
    }
  }

  private static void call(Rectifier r) {
    r.leakyReluGrad(X, Y, Y, 0.5f);
    r.relu(X, 1, Y, 0, SIZE - 1);
    r.leakyRelu(XD, XD, 0.25);
  }

  /** VmRSS from /proc/self/status. */
  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
