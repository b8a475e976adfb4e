package dev.rectifier;

import dev.rectifier.backend.Backend;
import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.opencl.OpenClBackend;
import dev.rectifier.settings.Setting;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * The backend that the settings lead to, and why, in words a user can act on.
 *
 * @param backend the backend chosen
 * @param reason why it was chosen
 * @param level how loudly to log the choice: WARNING when something the user asked for failed
 */
record BackendChoice(Backend backend, String reason, Level level) {

  /** Chooses per {@link Setting#BACKEND} (empty for {@code auto}) and {@link Setting#DEVICE}. */
  static BackendChoice fromSettings() {
    String backend = Setting.BACKEND.value().toLowerCase(Locale.ROOT);
    return choose(backend.isEmpty() ? "auto" : backend, Setting.DEVICE.value());
  }

  /**
   * Chooses {@code backend} ({@code auto}, {@code cpu} or {@code opencl}) with {@code device}, an
   * OpenCL device index or name substring, empty for the best. {@code auto} takes the named device,
   * else the best OpenCL device, behind a calibrated size threshold (short Java arrays stay on the
   * CPU backend), or the CPU backend alone when there is no device or a CPU-type one never wins;
   * {@code opencl} fails instead of falling back.
   *
   * @throws IllegalArgumentException if the backend setting is not auto, cpu or opencl, or the
   *     crossover setting is not a count of elements or never (checked first, whatever the backend,
   *     so that a machine without OpenCL rejects it too)
   * @throws RectifierException if {@code opencl} was asked for and cannot be had
   */
  static BackendChoice choose(String backend, String device) {
    Calibration.fromSetting();
    switch (backend) {
      case "cpu":
        return new BackendChoice(new CpuBackend(), Setting.BACKEND.property() + "=cpu", Level.INFO);
      case "opencl":
        return new BackendChoice(
            OpenClBackend.open(device),
            Setting.BACKEND.property() + "=opencl" + deviceNote(device),
            Level.INFO);
      case "auto":
        return auto(device);
      default:
        throw new IllegalArgumentException(
            Setting.BACKEND.property()
                + " (or "
                + Setting.BACKEND.variable()
                + ") must be auto, cpu or opencl, was '"
                + backend
                + "'");
    }
  }

  private static BackendChoice auto(String named) {
    try {
      OpenClBackend device = OpenClBackend.open(named);
      return calibrated(device, named);
    } catch (OpenClUnavailableException e) {
      return cpu(e.getMessage(), named.isEmpty() ? Level.INFO : Level.WARNING);
    } catch (RectifierException e) {
      return cpu(e.getMessage(), Level.WARNING);
    }
  }

  /**
   * Puts the CPU backend in front of {@code device} for Java arrays under the calibrated crossover.
   * A CPU-type device nobody named that never beat the CPU backend is dropped altogether.
   */
  private static BackendChoice calibrated(OpenClBackend device, String named) {
    CpuBackend cpu = new CpuBackend();
    DeviceInfo info = device.device().orElseThrow();
    int crossover;
    try {
      crossover = Calibration.crossover(cpu, device);
    } catch (RuntimeException e) {
      device.close();
      throw e;
    }
    if (crossover == Calibration.NEVER && named.isEmpty() && !info.type().isAccelerator()) {
      device.close();
      return cpu(
          "the best OpenCL device, "
              + info.describe()
              + ", never beat the CPU backend in calibration (Java arrays up to "
              + Calibration.LONGEST
              + " elements)",
          Level.INFO);
    }
    String picked = named.isEmpty() ? "auto: the best OpenCL device" : "auto" + deviceNote(named);
    return new BackendChoice(
        new SizeAwareBackend(cpu, device, crossover),
        picked
            + (crossover == Calibration.NEVER
                ? "; Java arrays run on the CPU backend, which it never beat (calibrated)"
                : "; Java arrays from " + crossover + " elements run on it (calibrated)"),
        Level.INFO);
  }

  private static BackendChoice cpu(String why, Level level) {
    return new BackendChoice(new CpuBackend(), why + "; using the CPU backend", level);
  }

  private static String deviceNote(String device) {
    return device.isEmpty() ? "" : ", " + Setting.DEVICE.property() + "=" + device;
  }
}
