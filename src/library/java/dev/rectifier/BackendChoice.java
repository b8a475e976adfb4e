package dev.rectifier;

import dev.rectifier.backend.Backend;
import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.opencl.Crossover;
import dev.rectifier.opencl.OpenClBackend;
import java.lang.System.Logger.Level;

/**
 * The backend that the settings lead to, and why, in words a user can act on.
 *
 * @param backend the backend chosen
 * @param reason why it was chosen
 * @param level how loudly to log the choice: WARNING when something the user asked for failed
 */
record BackendChoice(Backend backend, String reason, Level level) {

  /**
   * Chooses per the settings. {@code auto} takes the named device, else the best OpenCL device,
   * behind a calibrated size threshold (short Java arrays stay on the CPU backend), or the CPU
   * backend alone when there is no device or a CPU-type one never wins; {@code opencl} fails
   * instead of falling back.
   *
   * @throws IllegalArgumentException if the backend setting is not auto, cpu or opencl
   * @throws RectifierException if {@code opencl} was asked for and cannot be had
   */
  static BackendChoice choose(Settings settings) {
    switch (settings.backend()) {
      case "cpu":
        return new BackendChoice(new CpuBackend(), Settings.BACKEND_PROPERTY + "=cpu", Level.INFO);
      case "opencl":
        return new BackendChoice(
            OpenClBackend.open(settings.device()),
            Settings.BACKEND_PROPERTY + "=opencl" + deviceNote(settings),
            Level.INFO);
      case "auto":
        return auto(settings);
      default:
        throw new IllegalArgumentException(
            Settings.BACKEND_PROPERTY
                + " (or "
                + Settings.BACKEND_ENV
                + ") must be auto, cpu or opencl, was '"
                + settings.backend()
                + "'");
    }
  }

  private static BackendChoice auto(Settings settings) {
    try {
      OpenClBackend device = OpenClBackend.open(settings.device());
      return calibrated(device, settings);
    } catch (OpenClUnavailableException e) {
      return cpu(e.getMessage(), settings.hasDevice() ? Level.WARNING : Level.INFO);
    } catch (RectifierException e) {
      return cpu(e.getMessage(), Level.WARNING);
    }
  }

  /**
   * Puts the CPU backend in front of {@code device} for Java arrays under the calibrated crossover.
   * A CPU-type device nobody named that never beat the CPU backend is dropped altogether.
   */
  private static BackendChoice calibrated(OpenClBackend device, Settings settings) {
    CpuBackend cpu = new CpuBackend();
    DeviceInfo info = device.device().orElseThrow();
    int crossover;
    try {
      crossover = Crossover.between(cpu, device);
    } catch (RuntimeException e) {
      device.close();
      throw e;
    }
    if (crossover == Crossover.NEVER && !settings.hasDevice() && !info.type().isAccelerator()) {
      device.close();
      return cpu(
          "the best OpenCL device, "
              + info.describe()
              + ", never beat the CPU backend in calibration (Java arrays up to "
              + Crossover.LONGEST
              + " elements)",
          Level.INFO);
    }
    String picked =
        settings.hasDevice() ? "auto" + deviceNote(settings) : "auto: the best OpenCL device";
    return new BackendChoice(
        new SizeAwareBackend(cpu, device, crossover),
        picked
            + (crossover == Crossover.NEVER
                ? "; Java arrays run on the CPU backend, which it never beat (calibrated)"
                : "; Java arrays from " + crossover + " elements run on it (calibrated)"),
        Level.INFO);
  }

  private static BackendChoice cpu(String why, Level level) {
    return new BackendChoice(new CpuBackend(), why + "; using the CPU backend", level);
  }

  private static String deviceNote(Settings settings) {
    return settings.hasDevice() ? ", " + Settings.DEVICE_PROPERTY + "=" + settings.device() : "";
  }
}
