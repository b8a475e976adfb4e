package dev.rectifier;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.Arguments;
import org.opentest4j.TestAbortedException;

/**
 * The backends a test class runs against, opened on first use and closed with the class: the CPU
 * backend and one per OpenCL device. Register it on a static field with {@link RegisterExtension}.
 * Public for the tests of other packages (dev.rectifier.half's).
 */
public final class Backends implements AfterAllCallback {
  /** A backend under test; {@code device} is null for the CPU backend. */
  public record Target(String name, Rectifier rectifier, DeviceInfo device) {
    /** Whether this target may flush subnormals of {@code precision} (no CL_FP_DENORM). */
    public boolean mayFlush(Precision precision) {
      if (device == null) {
        return false;
      }
      return precision == Precision.DOUBLE ? !device.doubleDenormals() : !device.floatDenormals();
    }

    /** A new, separate Rectifier on the same backend and device. */
    Rectifier reopen() {
      return device == null ? Rectifier.cpu() : Rectifier.openCl(String.valueOf(device.index()));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private Target cpu;
  private List<Target> openCl;

  /** Each of {@code targets} with HALF and with BFLOAT16: a parameterized test's arguments. */
  public static Stream<Arguments> withSixteenBit(List<Target> targets) {
    return targets.stream()
        .flatMap(t -> Stream.of(Precision.HALF, Precision.BFLOAT16).map(p -> Arguments.of(t, p)));
  }

  /** The CPU backend. */
  public synchronized Target cpu() {
    if (cpu == null) {
      cpu = new Target("cpu", Rectifier.cpu(), null);
    }
    return cpu;
  }

  /** One target per OpenCL device; fails or skips per {@link OpenClRequirement} if none. */
  public synchronized List<Target> openCl() {
    if (openCl == null) {
      List<Target> opened = new ArrayList<>();
      for (DeviceInfo d : OpenClRequirement.devices()) {
        String name = "opencl:" + d.index() + " " + d.name();
        opened.add(new Target(name, Rectifier.openCl(String.valueOf(d.index())), d));
      }
      openCl = opened;
    }
    return openCl;
  }

  /** The CPU backend and the OpenCL devices, if any (this list never skips). */
  public synchronized List<Target> all() {
    List<Target> all = new ArrayList<>();
    all.add(cpu());
    try {
      all.addAll(openCl());
    } catch (TestAbortedException noOpenClHere) {
      // Not required here: the CPU backend still has to keep the contract.
    }
    return all;
  }

  /** Closes the backends this class opened. */
  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (cpu != null) {
      cpu.rectifier().close();
    }
    if (openCl != null) {
      openCl.forEach(t -> t.rectifier().close());
    }
  }
}
