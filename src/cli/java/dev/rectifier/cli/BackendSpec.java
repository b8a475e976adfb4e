package dev.rectifier.cli;

import dev.rectifier.DeviceArray;
import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * A backend named on the command line: {@code cpu} (the Java CPU backend), {@code opencl} (the
 * device {@code rectifier.device} names, else the best one), {@code opencl:N} (device N of {@code
 * rectifier devices}) or {@code auto} (what {@link Rectifier#create()} picks).
 *
 * @param name the name as written, in lower case
 */
record BackendSpec(String name) {
  static final BackendSpec CPU = new BackendSpec("cpu");

  /** The names, for the options' help. */
  static final String NAMES = "cpu, opencl, opencl:N (device N of 'rectifier devices'), auto";

  /** Whether this is the CPU backend, the baseline of speedups. */
  boolean isCpu() {
    return equals(CPU);
  }

  /**
   * Opens this backend.
   *
   * @throws dev.rectifier.OpenClUnavailableException if this is OpenCL and there is no such device
   */
  Rectifier open() {
    return switch (name) {
      case "cpu" -> Rectifier.cpu();
      case "auto" -> Rectifier.create();
      case "opencl" -> Rectifier.openCl();
      default -> Rectifier.openCl(name.substring("opencl:".length()));
    };
  }

  /**
   * Opens this backend for {@code spec}'s command: as {@link #open()}, but a bad setting that
   * {@code auto} reads is a usage error.
   */
  Rectifier open(CommandSpec spec) {
    return name.equals("auto") ? create(spec) : open();
  }

  /**
   * {@link Rectifier#create()} for {@code spec}'s command. The {@link IllegalArgumentException} it
   * throws for a bad setting ({@code rectifier.backend} / {@code RECTIFIER_BACKEND}, or another one
   * the auto choice reads) becomes a usage error: its message on one line, exit code 2.
   */
  static Rectifier create(CommandSpec spec) {
    try {
      return Rectifier.create();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** Whether this machine has any OpenCL device. */
  static boolean openClExists() {
    try {
      Rectifier.devices();
      return true;
    } catch (OpenClUnavailableException e) {
      return false;
    }
  }

  /**
   * Whether {@code opened}, opened from this, may flush subnormals of {@code precision} to zero: it
   * runs on an OpenCL device that does not report {@code CL_FP_DENORM} for it.
   */
  static boolean mayFlush(Rectifier opened, Precision precision) {
    return opened
        .device()
        // Half and bfloat16 compute in float: bfloat16's subnormals are float's, and no half value
        // is a float subnormal, so only float's flushing can touch either.
        .map(d -> precision == Precision.DOUBLE ? !d.doubleDenormals() : !d.floatDenormals())
        .orElse(false);
  }

  /**
   * Whether {@code opened} runs ops on {@code precision} on its OpenCL device: false on the CPU
   * backend, and for a precision the device has no program for, whose device arrays then live on
   * the CPU backend it falls back to (those have no {@code cl_mem}).
   */
  static boolean onDevice(Rectifier opened, Precision precision) {
    if (opened.device().isEmpty()) {
      return false;
    }
    try (DeviceArray probe = opened.allocate(precision, 1)) {
      probe.clMem();
      return true;
    } catch (IllegalStateException onTheCpuBackend) {
      return false;
    }
  }

  /**
   * The precisions of {@code precisions} that {@code opened}, on a device, runs on its CPU backend.
   */
  static List<Precision> onItsCpuBackend(Rectifier opened, List<Precision> precisions) {
    return opened.device().isEmpty()
        ? List.of()
        : precisions.stream().filter(p -> !onDevice(opened, p)).toList();
  }

  @Override
  public String toString() {
    return name;
  }

  /** Reads cpu, opencl, opencl:N and auto. */
  static final class Converter implements ITypeConverter<BackendSpec> {
    @Override
    public BackendSpec convert(String text) {
      String name = text.trim().toLowerCase(Locale.ROOT);
      if (!name.matches("cpu|auto|opencl(:[0-9]{1,4})?")) {
        throw new TypeConversionException(
            "expected cpu, opencl, opencl:N (a device index from 'rectifier devices') or auto"
                + " but was '"
                + text
                + "'");
      }
      return new BackendSpec(name);
    }
  }
}
