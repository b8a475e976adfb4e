package dev.rectifier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link LeakTest}: {@code count} OpenCL create/close {@code cycles}, or
 * {@code calls} on one Rectifier, printing the resident set size (kB) before the first and after
 * each quarter of them ({@code rss 0=...}, {@code rss 2500=...}, ...). A third argument, a number
 * of bytes, leaks that much native memory (a direct buffer, written) per step, to show that the
 * test sees a leak.
 */
public final class LeakProbe {
  private static final int SIZE = 4096;
  private static final float[] X = new float[SIZE];
  private static final float[] Y = new float[SIZE];
  private static final double[] XD = new double[SIZE];
  private static final List<ByteBuffer> LEAKED = new ArrayList<>();

  private LeakProbe() {}

  public static void main(String[] args) throws IOException {
    boolean cycles = args[0].equals("cycles");
    int count = Integer.parseInt(args[1]);
    int leak = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    try (Rectifier r = Rectifier.openCl()) {
      Runnable work = cycles ? LeakProbe::cycle : () -> call(r);
      Runnable step =
          leak == 0
              ? work
              : () -> {
                work.run();
                LEAKED.add(ByteBuffer.allocateDirect(leak).putInt(leak - 4, 1));
              };
      System.out.println("rss 0=" + rssKb());
      int done = 0;
      for (int quarter = 1; quarter <= 4; quarter++) {
        for (; done < (long) count * quarter / 4; done++) {
          step.run();
        }
        System.out.println("rss " + done + "=" + rssKb());
      }
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
  static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
