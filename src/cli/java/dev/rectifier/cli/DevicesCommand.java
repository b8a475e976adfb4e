package dev.rectifier.cli;

import dev.rectifier.DeviceInfo;
import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.Rectifier;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rectifier devices}: every OpenCL device, then the backend auto choice picks and why. */
@Command(
    name = "devices",
    description = {
      "Lists the OpenCL devices, then the backend Rectifier.create() picks and why.",
      "The choice follows rectifier.backend / RECTIFIER_BACKEND (auto, cpu, opencl) and"
          + " rectifier.device / RECTIFIER_DEVICE (a device index or name substring); a bad"
          + " value is a usage error (exit 2), here and wherever a command opens auto."
    })
final class DevicesCommand implements Callable<Integer> {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  @Spec CommandSpec spec;

  @Option(
      names = "--recalibrate",
      description =
          "Measure again from which length the auto choice sends Java arrays to the device,"
              + " instead of using the cached verdict (as rectifier.recalibrate=true).")
  boolean recalibrate;

  @Override
  public Integer call() {
    if (recalibrate) {
      System.setProperty("rectifier.recalibrate", "true");
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<DeviceInfo> devices = Rectifier.devices();
      out.println("OpenCL devices:");
      devices.forEach(d -> print(out, d));
    } catch (OpenClUnavailableException e) {
      out.println("No OpenCL devices: " + e.getMessage());
    }
    try (Rectifier auto = BackendSpec.create(spec)) {
      out.println("Auto choice: " + auto.describe());
      out.println("  because: " + auto.reason());
    }
    return 0;
  }

  private static void print(PrintWriter out, DeviceInfo d) {
    out.printf("  [%d] %s   (--backend(s) opencl:%d)%n", d.index(), d.name(), d.index());
    out.printf(
        "      type %s, platform %s, driver %s, %s%n",
        d.type(), d.platform(), d.driverVersion(), d.openClVersion());
    out.printf(
        "      %d compute units, global memory %s, max allocation %s%n",
        d.computeUnits(), memory(d.globalMemoryBytes()), memory(d.maxAllocationBytes()));
    out.printf(
        "      fp64 %s, denormals: float %s, double %s%n",
        yesNo(d.fp64()), yesNo(d.floatDenormals()), yesNo(d.doubleDenormals()));
  }

  private static String memory(long bytes) {
    return bytes >= GIB
        ? String.format(Locale.ROOT, "%.1f GiB", (double) bytes / GIB)
        : (bytes / MIB) + " MiB";
  }

  private static String yesNo(boolean b) {
    return b ? "yes" : "no";
  }
}
