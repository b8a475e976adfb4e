package dev.rectifier.choice;

import dev.rectifier.DeviceInfo;
import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.RectifierException;
import dev.rectifier.backend.Backend;
import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.opencl.OpenClBackend;
import dev.rectifier.settings.Setting;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The backend that the settings lead to, and why, in words a user can act on.
 *
 * @param backend the backend chosen
 * @param reason why it was chosen
 * @param level how loudly to log the choice: WARNING when something the user asked for failed
 */
public record BackendChoice(Backend backend, String reason, Level level) {

  /** Chooses per {@link Setting#BACKEND} (empty for {@code auto}) and {@link Setting#DEVICE}. */
  public static BackendChoice fromSettings() {
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
   * @throws IllegalArgumentException if the backend setting is not auto, cpu or opencl, the
   *     crossover setting is not a count of elements or never, or the recalibrate setting is not
   *     true or false (these two are checked first, whatever the backend, so that a machine without
   *     OpenCL rejects them too)
   * @throws RectifierException if {@code opencl} was asked for and cannot be had
   */
  static BackendChoice choose(String backend, String device) {
    OptionalInt crossover = CalibrationSettings.fromSetting();
    CalibrationSettings.recalibrationAsked();
    switch (backend) {
      case "cpu":
        return new BackendChoice(new CpuBackend(), Setting.BACKEND.property() + "=cpu", Level.INFO);
      case "opencl":
        return new BackendChoice(
            OpenClBackend.open(device),
            Setting.BACKEND.property() + "=opencl" + deviceNote(device),
            Level.INFO);
      case "auto":
        return auto(device, crossover);
      default:
        throw Setting.BACKEND.rejected(backend, "must be auto, cpu or opencl");
    }
  }

  /**
   * The auto choice. The cached verdict is looked up before any OpenCL library is loaded: when it
   * says that the best device, a CPU device, never beats the CPU backend, the CPU backend is chosen
   * without loading one, so a default user takes no driver's risks (LLVM-based drivers replace the
   * JVM's signal handlers). That is why the verdict is keyed by the drivers, not the device.
   */
  private static BackendChoice auto(String named, OptionalInt crossover) {
    if (named.isEmpty() && crossover.isEmpty()) {
      Optional<Verdict> known = Calibration.cached(named);
      if (known.isPresent() && known.get().dropsDevice()) {
        return cpu(neverWon(known.get()), Level.INFO);
      }
    }
    try {
      OpenClBackend device = OpenClBackend.open(named);
      return calibrated(device, named, crossover);
    } catch (OpenClUnavailableException e) {
      return cpu(e.getMessage(), named.isEmpty() ? Level.INFO : Level.WARNING);
    } catch (RectifierException e) {
      return cpu(e.getMessage(), Level.WARNING);
    }
  }

  /**
   * Puts the CPU backend in front of {@code device} for Java arrays under the crossover, set by
   * hand or calibrated. A CPU-type device nobody named that never beats the CPU backend is dropped
   * altogether.
   */
  private static BackendChoice calibrated(OpenClBackend device, String named, OptionalInt handSet) {
    CpuBackend cpu = new CpuBackend();
    DeviceInfo info = device.device().orElseThrow();
    int crossover;
    String how;
    if (handSet.isPresent()) {
      crossover = handSet.getAsInt();
      how = "set by " + Setting.CROSSOVER.property();
      if (crossover == CalibrationRule.NEVER && named.isEmpty() && !info.type().isAccelerator()) {
        device.close();
        return cpu(
            Setting.CROSSOVER.property()
                + " is never and the best OpenCL device, "
                + info.describe()
                + ", is no GPU or accelerator",
            Level.INFO);
      }
    } else {
      Verdict verdict;
      try {
        verdict = Calibration.verdict(cpu, device, named);
      } catch (RuntimeException e) {
        device.close();
        throw e;
      }
      if (named.isEmpty() && verdict.dropsDevice()) {
        device.close();
        return cpu(neverWon(verdict), Level.INFO);
      }
      crossover = verdict.crossover();
      how = "calibrated " + verdict.date();
    }
    String picked = named.isEmpty() ? "auto: the best OpenCL device" : "auto" + deviceNote(named);
    return new BackendChoice(
        new SizeAwareBackend(cpu, device, crossover),
        picked
            + (crossover == CalibrationRule.NEVER
                ? "; Java arrays run on the CPU backend, which it never beat (" + how + ")"
                : "; Java arrays from " + crossover + " elements run on it (" + how + ")"),
        Level.INFO);
  }

  /** Why a verdict drops the best device, the same whether it was measured now or cached. */
  private static String neverWon(Verdict verdict) {
    return "the best OpenCL device, "
        + verdict.device()
        + ", never beat the CPU backend by "
        + CalibrationRule.MARGIN
        + "x on Java arrays (calibrated "
        + verdict.date()
        + ")";
  }

  private static BackendChoice cpu(String why, Level level) {
    return new BackendChoice(new CpuBackend(), why + "; using the CPU backend", level);
  }

  private static String deviceNote(String device) {
    return device.isEmpty() ? "" : ", " + Setting.DEVICE.property() + "=" + device;
  }
}
