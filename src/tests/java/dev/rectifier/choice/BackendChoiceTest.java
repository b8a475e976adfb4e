package dev.rectifier.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.Op;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.OpenClUnavailableException;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.PreluMemories;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.Request;
import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.opencl.OpenClRuntime;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How settings lead to a backend, and the reasons given. */
class BackendChoiceTest {

  @Test
  void cpuSettingGivesTheCpuBackend() {
    BackendChoice choice = BackendChoice.choose("cpu", "");
    assertTrue(choice.backend() instanceof CpuBackend);
    assertEquals("rectifier.backend=cpu", choice.reason());
  }

  @Test
  void unknownBackendSettingIsRejectedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BackendChoice.choose("gpu", ""));
    assertTrue(e.getMessage().contains("rectifier.backend"), e.getMessage());
    assertTrue(e.getMessage().contains("'gpu'"), e.getMessage());
  }

  @Test
  void autoWithAnUnknownDeviceFallsBackToCpuAndWarns() {
    BackendChoice choice = BackendChoice.choose("auto", "no-such-device-xyz");
    assertTrue(choice.backend() instanceof CpuBackend);
    assertTrue(choice.reason().endsWith("; using the CPU backend"), choice.reason());
    assertEquals(Level.WARNING, choice.level());
  }

  @Test
  void autoWithAnIndexOutOfRangeWarnsNamingTheDevicesAndFallsBackToCpu() {
    List<DeviceInfo> devices = OpenClRequirement.devices();
    String index = String.valueOf(devices.size() + 4);
    BackendChoice choice = BackendChoice.choose("auto", index);
    assertTrue(choice.backend() instanceof CpuBackend, choice.reason());
    assertEquals(Level.WARNING, choice.level());
    assertTrue(
        choice.reason().startsWith("no OpenCL device has index " + index + " (devices: 0: "),
        choice.reason());
    assertTrue(choice.reason().contains(devices.get(0).name()), choice.reason());
    assertTrue(choice.reason().endsWith("; using the CPU backend"), choice.reason());
  }

  @Test
  void openClWithAnIndexOutOfRangeThrows() {
    String index = String.valueOf(OpenClRequirement.devices().size() + 4);
    OpenClUnavailableException e =
        assertThrows(OpenClUnavailableException.class, () -> Rectifier.openCl(index));
    assertTrue(e.getMessage().startsWith("no OpenCL device has index " + index), e.getMessage());
  }

  @Test
  void autoFallsBackToCpuWhenTheKernelSourceFileIsTooLarge(@TempDir Path dir) throws IOException {
    Path large = dir.resolve("large.cl");
    try (RandomAccessFile f = new RandomAccessFile(large.toFile(), "rw")) {
      f.setLength(1L << 32);
    }
    try {
      // An empty cache: a cached verdict for the CPU backend would spare auto opening OpenCL.
      System.setProperty("rectifier.cacheDir", dir.resolve("cache").toString());
      System.setProperty("rectifier.kernelSource", large.toString());
      BackendChoice choice = BackendChoice.choose("auto", "");
      assertTrue(choice.backend() instanceof CpuBackend, choice.reason());
      assertEquals(Level.WARNING, choice.level());
      assertTrue(choice.reason().startsWith("cannot read kernel source " + large), choice.reason());
    } finally {
      System.clearProperty("rectifier.kernelSource");
      System.clearProperty("rectifier.cacheDir");
    }
  }

  @Test
  void openClWithAnUnknownDeviceThrows() {
    OpenClUnavailableException e =
        assertThrows(
            OpenClUnavailableException.class,
            () -> BackendChoice.choose("opencl", "no-such-device-xyz"));
    assertTrue(
        e.getMessage().contains("no-such-device-xyz") || e.getMessage().startsWith("no OpenCL"),
        e.getMessage());
  }

  @Test
  void autoKeepsTheBestDeviceWhenItWinsFromTheCalibratedCrossover(@TempDir Path cache) {
    DeviceInfo best = best();
    // A device twice as fast as the CPU backend at every length wins from the shortest one.
    BackendChoice choice = autoCalibratedWith(cache, (onDevice, n) -> onDevice ? n / 2.0 : n);
    try (Backend backend = choice.backend()) {
      assertTrue(backend instanceof SizeAwareBackend, choice.reason());
      assertEquals(Optional.of(best), backend.device());
      Verdict verdict = cachedVerdict(cache);
      assertEquals(CalibrationRule.LENGTHS[0], verdict.crossover(), verdict.measured());
      assertEquals(
          "auto: the best OpenCL device; Java arrays from "
              + CalibrationRule.LENGTHS[0]
              + " elements run on it (calibrated "
              + verdict.date()
              + ")",
          choice.reason());
    }
    assertEquals(best, OpenClRuntime.best());
  }

  @Test
  void autoDropsABestCpuDeviceThatNeverWinsAndKeepsAnyOther(@TempDir Path cache) {
    DeviceInfo best = best();
    // A device no faster than the CPU backend at any length never wins.
    BackendChoice choice = autoCalibratedWith(cache, (onDevice, n) -> n);
    Verdict verdict = cachedVerdict(cache);
    assertEquals(CalibrationRule.NEVER, verdict.crossover(), verdict.measured());
    try (Backend backend = choice.backend()) {
      if (best.type().isAccelerator()) {
        assertTrue(backend instanceof SizeAwareBackend, "a GPU or accelerator is never dropped");
        assertEquals(Optional.of(best), backend.device());
        assertTrue(
            choice
                .reason()
                .endsWith(
                    "; Java arrays run on the CPU backend, which it never beat (calibrated "
                        + verdict.date()
                        + ")"),
            choice.reason());
      } else {
        assertTrue(backend instanceof CpuBackend, choice.reason());
        assertEquals(
            "the best OpenCL device, "
                + best.describe()
                + ", never beat the CPU backend by "
                + CalibrationRule.MARGIN
                + "x on Java arrays (calibrated "
                + verdict.date()
                + "); using the CPU backend",
            choice.reason());
      }
    }
  }

  /** The device auto takes when none is named: the first of the best type. */
  private static DeviceInfo best() {
    return OpenClRequirement.devices().stream()
        .min((a, b) -> a.type().compareTo(b.type()))
        .orElseThrow();
  }

  /** Auto with an empty private cache, its calibration timed by {@code timer}. */
  private static BackendChoice autoCalibratedWith(Path cache, CalibrationRule.Timer timer) {
    System.setProperty("rectifier.cacheDir", cache.toString());
    Calibration.scripted = timer;
    try {
      return BackendChoice.choose("auto", "");
    } finally {
      Calibration.scripted = null;
      System.clearProperty("rectifier.cacheDir");
    }
  }

  /** The verdict auto cached in {@code cache} for the best device. */
  private static Verdict cachedVerdict(Path cache) {
    System.setProperty("rectifier.cacheDir", cache.toString());
    try {
      String identity = VerdictKey.identity("");
      return VerdictFile.read(VerdictKey.cacheFile(identity), identity).orElseThrow();
    } finally {
      System.clearProperty("rectifier.cacheDir");
    }
  }

  @Test
  void aCrossoverSetByHandIsUsedAndSaidSo() {
    DeviceInfo first = OpenClRequirement.devices().get(0);
    System.setProperty("rectifier.crossover", "12K");
    BackendChoice choice = BackendChoice.choose("auto", "0");
    try (Backend backend = choice.backend()) {
      assertEquals(Optional.of(first), backend.device());
      assertTrue(
          choice
              .reason()
              .endsWith("; Java arrays from 12288 elements run on it (set by rectifier.crossover)"),
          choice.reason());
    } finally {
      System.clearProperty("rectifier.crossover");
    }
  }

  @Test
  void theCachedVerdictIsUsedUntilRecalibrationIsAskedThenOncePerJvm(@TempDir Path cache)
      throws IOException {
    DeviceInfo first = OpenClRequirement.devices().get(0);
    System.setProperty("rectifier.cacheDir", cache.toString());
    try {
      Path file = VerdictKey.cacheFile(VerdictKey.identity("0"));
      Instant old = Instant.parse("2000-01-01T00:00:00Z");
      VerdictFile.write(
          file,
          VerdictKey.identity("0"),
          new Verdict(4096, first.describe(), first.type(), old, 1, List.of()));
      assertTrue(reasonOfAutoOnDevice0().endsWith("(calibrated " + old + ")"));

      System.setProperty("rectifier.recalibrate", "true");
      String again = reasonOfAutoOnDevice0();
      Instant measured = VerdictFile.read(file, VerdictKey.identity("0")).orElseThrow().date();
      assertTrue(measured.isAfter(old), measured.toString());
      assertTrue(again.endsWith("(calibrated " + measured + ")"), again);
      // Measured once per JVM, not on every create(): the next one reads what was measured.
      Files.writeString(file, Files.readString(file).replace("millis=", "millis=9"));
      long millis = VerdictFile.read(file, VerdictKey.identity("0")).orElseThrow().millis();
      reasonOfAutoOnDevice0();
      assertEquals(millis, VerdictFile.read(file, VerdictKey.identity("0")).orElseThrow().millis());
    } finally {
      System.clearProperty("rectifier.cacheDir");
      System.clearProperty("rectifier.recalibrate");
    }
  }

  private static String reasonOfAutoOnDevice0() {
    BackendChoice choice = BackendChoice.choose("auto", "0");
    choice.backend().close();
    return choice.reason();
  }

  @Test
  void autoUsesANamedDeviceWhateverItsType() {
    DeviceInfo first = OpenClRequirement.devices().get(0);
    BackendChoice choice = BackendChoice.choose("auto", "0");
    try (Backend backend = choice.backend()) {
      assertTrue(backend instanceof SizeAwareBackend, choice.reason());
      assertEquals(Optional.of(first), backend.device());
      assertTrue(backend.describe().startsWith("OpenCL: " + first.describe()), backend.describe());
    }
  }

  @Test
  void aSizeAwareBackendSendsShortJavaArraysToTheCpu() {
    List<String> calls = new ArrayList<>();
    Backend cpu = new Recorder("cpu", calls);
    Backend device = new Recorder("device", calls);
    try (Backend b = new SizeAwareBackend(cpu, device, 100)) {
      b.run(new FloatRequest(Op.RELU, new float[200], 0, null, 0, new float[200], 0, 99, 0));
      b.run(new FloatRequest(Op.RELU, new float[200], 0, null, 0, new float[200], 0, 100, 0));
      b.run(new FloatRequest(Op.RELU, new float[200], 0, null, 0, new float[200], 0, 200, 0));
      b.allocate(Precision.FLOAT, 3);
      b.prelu(PreluRequest.forward(new float[99], new float[99], new float[3], 1));
      b.prelu(PreluRequest.forward(new float[102], new float[102], new float[3], 1));
    }
    assertEquals(
        List.of(
            "cpu 99",
            "device 100",
            "device 200",
            "device allocate 3",
            "cpu prelu 99",
            "device prelu 102"),
        calls);
  }

  /** A backend that writes down what reaches it. */
  private record Recorder(String name, List<String> calls) implements Backend {
    @Override
    public String describe() {
      return name;
    }

    @Override
    public boolean supports(Precision precision) {
      return true;
    }

    @Override
    public void run(Request request) {
      calls.add(name + " " + request.length());
    }

    @Override
    public void prelu(PreluRequest request) {
      calls.add(name + " prelu " + request.shape().length());
    }

    @Override
    public OptionalLong prelu(PreluMemories m, boolean timed) {
      calls.add(name + " device prelu " + m.shape().length());
      return OptionalLong.empty();
    }

    @Override
    public DeviceMemory allocate(Precision precision, int length) {
      calls.add(name + " allocate " + length);
      return null;
    }

    @Override
    public void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
      calls.add(name + " " + op);
    }

    @Override
    public OptionalLong timeCopy(DeviceMemory source, DeviceMemory target) {
      calls.add(name + " copy");
      return OptionalLong.empty();
    }

    @Override
    public void close() {}
  }
}
