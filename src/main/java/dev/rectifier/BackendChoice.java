package dev.rectifier;

import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.opencl.DeviceInfo;
import dev.rectifier.opencl.OpenClBackend;
import dev.rectifier.opencl.OpenClRuntime;
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
   * Chooses per the settings. {@code auto} prefers the named device, else the best OpenCL GPU or
   * accelerator, else the CPU backend; {@code opencl} fails instead of falling back.
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
      if (settings.hasDevice()) {
        return new BackendChoice(
            OpenClBackend.open(settings.device()), "auto" + deviceNote(settings), Level.INFO);
      }
      DeviceInfo best = OpenClRuntime.best();
      if (!best.type().isAccelerator()) {
        return cpu(
            "no GPU or accelerator among the OpenCL devices (best: " + best.describe() + ")",
            Level.INFO);
      }
      return new BackendChoice(
          OpenClBackend.open(null), "auto: the best OpenCL device is a " + best.type(), Level.INFO);
    } catch (OpenClUnavailableException e) {
      return cpu(e.getMessage(), settings.hasDevice() ? Level.WARNING : Level.INFO);
    } catch (RectifierException e) {
      return cpu(e.getMessage(), Level.WARNING);
    }
  }

  private static BackendChoice cpu(String why, Level level) {
    return new BackendChoice(new CpuBackend(), why + "; using the CPU backend", level);
  }

  private static String deviceNote(Settings settings) {
    return settings.hasDevice() ? ", " + Settings.DEVICE_PROPERTY + "=" + settings.device() : "";
  }
}
