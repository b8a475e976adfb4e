package dev.rectifier.choice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.backend.Backend;
import dev.rectifier.cpu.CpuBackend;
import dev.rectifier.opencl.OpenClBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the calibration's paired timings become a verdict (through a scripted timer, so the rule is
 * tested deterministically), how a verdict is cached, and the settings around it.
 */
class CalibrationTest {
  private static final int[] LENGTHS = CalibrationRule.LENGTHS;
  private static final int K = 1 << 10;
  private static final int M = 1 << 20;

  @AfterEach
  void clearSettings() {
    System.clearProperty("rectifier.crossover");
    System.clearProperty("rectifier.recalibrate");
  }

  /**
   * A timer that answers from a script: the CPU backend takes 1 ns per element, the device that
   * divided by the speed-up the script gives for the length and the pair (0, 1, 2) at that length.
   * It writes down each call.
   */
  private static final class Scripted implements CalibrationRule.Timer {
    private final ToDoubleBiFunction<Integer, Integer> speedUp;
    private final Map<Integer, Integer> deviceCalls = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    Scripted(ToDoubleBiFunction<Integer, Integer> speedUp) {
      this.speedUp = speedUp;
    }

    /** The same speed-up in every pair at a length. */
    static Scripted perLength(IntToDoubleFunction speedUp) {
      return new Scripted((length, pair) -> speedUp.applyAsDouble(length));
    }

    @Override
    public double nanos(boolean onDevice, int length) {
      calls.add((onDevice ? "device " : "cpu ") + length);
      if (!onDevice) {
        return length;
      }
      int pair = deviceCalls.merge(length, 1, Integer::sum) - 1;
      return length / speedUp.applyAsDouble(length, pair);
    }

    int crossover() {
      return CalibrationRule.crossover(CalibrationRule.measure(LENGTHS, this));
    }
  }

  @Test
  void aClearTwofoldWinFromOneMillionUpIsTheCrossover() {
    Scripted timer = Scripted.perLength(n -> n >= M ? 2.0 : 0.5);
    List<Sample> samples = CalibrationRule.measure(LENGTHS, timer);

    assertEquals(M, CalibrationRule.crossover(samples));
    assertEquals(List.of(16 * M, 4 * M, M, 256 * K), samples.stream().map(Sample::length).toList());
    for (Sample won : samples.subList(0, 3)) {
      assertEquals(
          CalibrationRule.REPEATS, won.cpuNs().length, "every won length has all its pairs");
      assertTrue(won.won());
    }
    assertEquals(1, samples.get(3).cpuNs().length, "a pair that falls short ends calibration");
  }

  @Test
  void noiseIsTheCpuBackend() {
    // Speed-ups scattered around 1: some pairs look like wins, never all at a length.
    assertEquals(
        CalibrationRule.NEVER,
        new Scripted((n, pair) -> new double[] {1.5, 0.8, 1.4}[pair]).crossover());
    SplittableRandom random = new SplittableRandom(1);
    assertEquals(
        CalibrationRule.NEVER,
        new Scripted((n, pair) -> 0.7 + 0.6 * random.nextDouble()).crossover());
  }

  @Test
  void aSingleLuckyLengthIsTheCpuBackend() {
    Scripted timer = Scripted.perLength(n -> n == M ? 2.0 : 1.0);
    assertEquals(CalibrationRule.NEVER, timer.crossover());
  }

  @Test
  void aWinAtTheLongestLengthAloneIsTheCpuBackend() {
    Scripted timer = Scripted.perLength(n -> n == 16 * M ? 3.0 : 0.9);
    List<Sample> samples = CalibrationRule.measure(LENGTHS, timer);
    assertTrue(samples.get(0).won(), "16M was won");
    assertEquals(
        CalibrationRule.NEVER, CalibrationRule.crossover(samples), "but no longer length agrees");
  }

  @Test
  void aWinOfLessThanTheMarginIsTheCpuBackend() {
    assertEquals(CalibrationRule.NEVER, Scripted.perLength(n -> 1.1).crossover());
    assertEquals(CalibrationRule.NEVER, Scripted.perLength(n -> 1.19).crossover());
    assertEquals(4 * K, Scripted.perLength(n -> 1.2).crossover(), "1.2x at every length wins");
  }

  @Test
  void everyPairMustAgree() {
    // Two of three pairs at 2x (a median would call it a win), one at 1x: no win.
    Scripted oneSlowPair = new Scripted((n, pair) -> pair == 2 ? 1.0 : 2.0);
    assertEquals(CalibrationRule.NEVER, oneSlowPair.crossover());
    // A loss below the long lengths that win moves the crossover up to them.
    Scripted lossAt1M = Scripted.perLength(n -> n == M ? 1.0 : 2.0);
    assertEquals(4 * M, lossAt1M.crossover());
  }

  @Test
  void pairsAreBackToBackInAlternatingOrder() {
    Scripted timer = Scripted.perLength(n -> 2.0);
    CalibrationRule.measure(new int[] {K, 2 * K}, timer);
    String l = " " + 2 * K;
    String s = " " + K;
    assertEquals(
        List.of(
            "cpu" + l,
            "device" + l,
            "device" + l,
            "cpu" + l,
            "cpu" + l,
            "device" + l,
            "device" + s,
            "cpu" + s,
            "cpu" + s,
            "device" + s,
            "device" + s,
            "cpu" + s),
        timer.calls);
  }

  @Test
  void noLengthIsStartedOnceTheTimeIsUp() {
    List<Sample> samples = CalibrationRule.measure(LENGTHS, Scripted.perLength(n -> 2.0), 0);
    assertEquals(List.of(16 * M), samples.stream().map(Sample::length).toList());
    assertEquals(
        CalibrationRule.NEVER, CalibrationRule.crossover(samples), "one length is not enough");
  }

  /**
   * No length is started once the budget is spent, so a calibration takes the budget and one
   * length's pairs at most: here each call takes a twentieth of the budget on a scripted clock, six
   * calls a length, so the fifth length would start after the budget.
   */
  @Test
  void aCalibrationEndsWithinTheBudgetAndOneLength() {
    long call = CalibrationRule.BUDGET_NANOS / 20;
    long[] clock = {0};
    CalibrationRule.Timer timer =
        new CalibrationRule.Timer() {
          @Override
          public double nanos(boolean onDevice, int length) {
            clock[0] += call;
            return onDevice ? length / 2.0 : length;
          }

          @Override
          public long now() {
            return clock[0];
          }
        };
    List<Sample> samples = CalibrationRule.measure(LENGTHS, timer);
    assertEquals(List.of(16 * M, 4 * M, M, 256 * K), samples.stream().map(Sample::length).toList());
    assertTrue(
        clock[0] <= CalibrationRule.BUDGET_NANOS + 2L * CalibrationRule.REPEATS * call,
        "" + clock[0]);
    assertEquals(256 * K, CalibrationRule.crossover(samples), "what was measured in time counts");
  }

  /**
   * On every real device the rule's verdict follows from the pairs measured. How long that takes is
   * not checked here (speed is for benchmarks): the log line "calibrated ... in N ms" says it, e.g.
   * from {@code rectifier devices --recalibrate}.
   */
  @Test
  void aRealDeviceIsMeasuredByTheRule() {
    for (DeviceInfo d : OpenClRequirement.devices()) {
      try (Backend cpu = new CpuBackend();
          Backend device = OpenClBackend.open(Integer.toString(d.index()))) {
        Verdict verdict = Calibration.measure(cpu, device);
        assertFalse(verdict.samples().isEmpty());
        assertEquals(LENGTHS[LENGTHS.length - 1], verdict.samples().get(0).length());
        assertEquals(CalibrationRule.crossover(verdict.samples()), verdict.crossover());
        assertEquals(d.describe(), verdict.device());
      }
    }
  }

  @Test
  void aVerdictIsCachedWithWhatItWasMeasuredFrom(@TempDir Path folder) throws Exception {
    List<Sample> samples =
        CalibrationRule.measure(LENGTHS, Scripted.perLength(n -> n >= M ? 2 : 1));
    Verdict verdict =
        new Verdict(
            M,
            "PoCL thing (CPU, x)",
            DeviceType.CPU,
            Instant.parse("2026-11-26T10:00:00Z"),
            812,
            samples);
    Path file = folder.resolve("sub/crossover-x.properties");
    VerdictFile.write(file, "machine A\nline 2", verdict);

    Verdict read = VerdictFile.read(file, "machine A\nline 2").orElseThrow();
    assertEquals(verdict.crossover(), read.crossover());
    assertEquals(verdict.device(), read.device());
    assertEquals(verdict.deviceType(), read.deviceType());
    assertEquals(verdict.date(), read.date());
    assertEquals(812, read.millis());
    assertEquals(samples.size(), read.samples().size());
    for (int i = 0; i < samples.size(); i++) {
      assertEquals(samples.get(i).length(), read.samples().get(i).length());
      assertArrayEquals(samples.get(i).cpuNs(), read.samples().get(i).cpuNs());
      assertArrayEquals(samples.get(i).deviceNs(), read.samples().get(i).deviceNs());
    }
    String text = Files.readString(file);
    assertTrue(text.contains("verdict=Java arrays run from 1048576 elements on the device"), text);
    assertTrue(text.contains("date=2026-11-26T10\\:00\\:00Z"), text);
    assertTrue(text.contains("ratios.16777216=2.000,2.000,2.000"), text);
    assertTrue(text.contains("ratios.262144=1.000"), text);

    assertFalse(VerdictFile.read(file, "machine B").isPresent(), "another machine's verdict");
    Files.writeString(file, "crossover=12\n");
    assertFalse(VerdictFile.read(file, "machine A\nline 2").isPresent(), "an incomplete file");
    assertFalse(VerdictFile.read(folder.resolve("none"), "machine A").isPresent());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rwxrwx---", "rwx---rwx"})
  void aVerdictWhereOthersMayWriteIsNeitherReadNorWritten(String mode, @TempDir Path dir)
      throws Exception {
    Verdict verdict =
        new Verdict(
            CalibrationRule.NEVER,
            "PoCL thing (CPU, x)",
            DeviceType.CPU,
            Instant.parse("2026-11-26T10:00:00Z"),
            5,
            List.of());
    Path folder = Files.createDirectory(dir.resolve("shared"));
    Path file = folder.resolve("crossover-x.properties");
    VerdictFile.write(file, "machine A", verdict);
    assertTrue(VerdictFile.read(file, "machine A").isPresent(), "a private folder is used");

    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(mode));
    assertFalse(VerdictFile.read(file, "machine A").isPresent(), "a verdict others could forge");
    Files.delete(file);
    VerdictFile.write(file, "machine A", verdict);
    assertFalse(Files.exists(file), "nothing is written where others may write");
  }

  @Test
  void readersNeverSeeAHalfWrittenVerdict(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("crossover-x.properties");
    String identity = "machine A\n".repeat(200);
    Verdict verdict =
        new Verdict(
            CalibrationRule.NEVER,
            "d",
            DeviceType.CPU,
            Instant.EPOCH,
            1,
            CalibrationRule.measure(LENGTHS, Scripted.perLength(n -> 2)));
    VerdictFile.write(file, identity, verdict);
    AtomicBoolean done = new AtomicBoolean();
    // The writer starts once the reader is reading, so that the reads overlap the writes.
    CountDownLatch reading = new CountDownLatch(1);
    Thread writer =
        new Thread(
            () -> {
              try {
                reading.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              for (int i = 0; i < 300; i++) {
                VerdictFile.write(file, identity, verdict);
              }
              done.set(true);
            });
    writer.start();
    int reads = 0;
    int torn = 0;
    while (!done.get()) {
      reading.countDown();
      reads++;
      if (VerdictFile.read(file, identity).isEmpty()) {
        torn++;
      }
    }
    writer.join();
    assertTrue(reads > 0, "no read was made while the verdict was being written");
    assertEquals(0, torn, "reads that found no whole verdict, of " + reads);
    try (Stream<Path> left = Files.list(folder)) {
      assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void theKeyIsTheRuleRectifierJvmCoresLengthsDeviceAndDrivers() {
    String identity = VerdictKey.identity("");
    assertTrue(identity.contains("rule " + CalibrationRule.RULE), identity);
    assertFalse(identity.contains("rectifier unknown"), identity);
    assertTrue(identity.contains("rectifier 0."), identity);
    assertTrue(identity.contains("java.version " + System.getProperty("java.version")), identity);
    assertTrue(identity.contains("java.vm.name " + System.getProperty("java.vm.name")), identity);
    assertTrue(identity.contains("cores " + Runtime.getRuntime().availableProcessors()), identity);
    assertTrue(identity.contains("lengths [4096, 16384, "), "those the heap allows: " + identity);
    assertTrue(identity.endsWith(OpenClDrivers.describe()), identity);
    assertFalse(identity.equals(VerdictKey.identity("1")), "a named device has its own verdict");
    assertEquals(VerdictKey.cacheFile(identity), VerdictKey.cacheFile(VerdictKey.identity("")));
  }

  @Test
  void theRecalibrateSettingIsTrueOrFalse() {
    assertFalse(CalibrationSettings.recalibrationAsked());
    System.setProperty("rectifier.recalibrate", "TRUE");
    assertTrue(CalibrationSettings.recalibrationAsked());
    System.setProperty("rectifier.recalibrate", "false");
    assertFalse(CalibrationSettings.recalibrationAsked());
    System.setProperty("rectifier.recalibrate", "yes");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, CalibrationSettings::recalibrationAsked);
    assertEquals(
        "rectifier.recalibrate (or RECTIFIER_RECALIBRATE) must be true or false, was 'yes'",
        e.getMessage());
  }

  @Test
  void theSettingTakesTheSuffixesOfSizes() {
    assertEquals(OptionalInt.empty(), CalibrationSettings.fromSetting());
    for (String[] set :
        new String[][] {
          {"4096", "4096"},
          {"64K", "65536"},
          {"64k", "65536"},
          {"16M", "16777216"},
          {"2047M", Integer.toString(2047 << 20)},
          {"2147483647", "2147483647"}
        }) {
      System.setProperty("rectifier.crossover", set[0]);
      assertEquals(
          OptionalInt.of(Integer.parseInt(set[1])), CalibrationSettings.fromSetting(), set[0]);
    }
    System.setProperty("rectifier.crossover", "Never");
    assertEquals(OptionalInt.of(CalibrationRule.NEVER), CalibrationSettings.fromSetting());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "0K", "-5", "-1M", "lots", "K", "1.5K", "1G", "1KB", "2048M", "99999999999"})
  void theSettingRejectsWhatIsNoPositiveCountNamingIt(String value) {
    System.setProperty("rectifier.crossover", value);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, CalibrationSettings::fromSetting);
    assertEquals(
        "rectifier.crossover (or RECTIFIER_CROSSOVER) must be a number of elements from 1 to"
            + " 2147483647, optionally with K (2^10) or M (2^20), or never, was '"
            + value
            + "'",
        e.getMessage());
  }
}
