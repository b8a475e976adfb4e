package dev.rectifier.cpu;

import com.sun.management.ThreadMXBean;
import dev.rectifier.Rectifier;
import java.lang.management.ManagementFactory;

/**
 * Run by {@link LoopsChoiceTest} in a child JVM: prints the loops the CPU backend runs for its
 * first call ({@code first=}), then, once it has chosen (for up to a minute), what {@code
 * describe()} says ({@code describe=}) and the loops it runs ({@code chosen=}).
 */
public final class LoopsChoiceProbe {
  private static final long PATIENCE_MILLIS = 60_000;

  private LoopsChoiceProbe() {}

  public static void main(String[] args) throws InterruptedException {
    try (Rectifier cpu = Rectifier.cpu()) {
      cpu.reluGrad(new float[] {-1, 2}, new float[] {3, 3}, new float[2]);
      System.out.println("first=" + Kernels.found().floats().getClass().getSimpleName());
      Kernels.awaitChosen(PATIENCE_MILLIS);
      System.out.println("describe=" + cpu.describe());
      FloatKernels chosen = Kernels.found().floats();
      System.out.println("chosen=" + chosen.getClass().getSimpleName());
      float[] x = new float[1024];
      ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      long before = threads.getCurrentThreadAllocatedBytes();
      chosen.reluGrad(x, x, x, 0, x.length);
      System.out.println("allocated=" + (threads.getCurrentThreadAllocatedBytes() - before));
    }
  }
}
