package dev.rectifier.modulepath;

import dev.rectifier.Rectifier;

/**
 * Run by {@link ModulePathTest} in a child JVM with the library on the module path: prints the
 * module {@code Rectifier} came from, what the CPU backend runs once it has chosen (the Vector API
 * loops are compiled on a background thread first, for up to a minute here), and leakyReluGrad of
 * (−1, 2) with dy 3 and alpha 0.5. In a package of its own, since the library's packages come from
 * the module.
 */
public final class ModulePathProbe {
  private static final long PATIENCE_MILLIS = 60_000;

  private ModulePathProbe() {}

  public static void main(String[] args) throws InterruptedException {
    try (Rectifier cpu = Rectifier.cpu()) {
      float[] dx = new float[2];
      cpu.leakyReluGrad(new float[] {-1, 2}, new float[] {3, 3}, dx, 0.5f);
      long giveUp = System.currentTimeMillis() + PATIENCE_MILLIS;
      while (cpu.describe().contains(" until ") && System.currentTimeMillis() < giveUp) {
        Thread.sleep(50);
      }
      cpu.leakyReluGrad(new float[] {-1, 2}, new float[] {3, 3}, dx, 0.5f);
      System.out.println("module " + Rectifier.class.getModule().getName());
      System.out.println(cpu.describe());
      System.out.println("dx " + dx[0] + " " + dx[1]);
    }
  }
}
