package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Precision;
import dev.rectifier.measure.HostBaselines;
import dev.rectifier.measure.Timing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchResultTest {
  /** Mostly 1 us calls and one long stall: a mean of 5 us whose 95% interval reaches below 0. */
  private static final Timing STALLED = new Timing(1000, 900, 1500, 5000, 20000, 11000, 15);

  private static final Timing STEADY = new Timing(1000, 900, 1100, 1000, 100, 55, 15);

  private final Invocation relu =
      new Invocation(BenchOp.RELU, Invocation.inputs(Precision.FLOAT, 3), 0);

  @Test
  void theConfidenceIntervalStopsAtZero() {
    BenchResult r = result(STALLED, Optional.of(new KernelTimer.Result(STALLED, 1, 0)));
    assertEquals(0.0, r.ci95LowNs());
    assertEquals(16000.0, r.ci95HighNs());
    assertEquals(0.0, r.kernelCi95LowNs());
    assertEquals(16000.0, r.kernelCi95HighNs());
  }

  @Test
  void anIntervalAboveZeroIsTheMeanPlusOrMinusTheHalfWidth() {
    BenchResult r = result(STEADY, Optional.of(new KernelTimer.Result(STEADY, 1, 0)));
    assertEquals(945.0, r.ci95LowNs());
    assertEquals(1055.0, r.ci95HighNs());
    assertEquals(945.0, r.kernelCi95LowNs());
    assertEquals(1055.0, r.kernelCi95HighNs());
  }

  @Test
  void theTableStillShowsTheHalfWidthOfAClampedInterval() {
    StringWriter text = new StringWriter();
    ResultTable.print(
        List.of(result(STALLED, Optional.empty()), result(STEADY, Optional.empty())),
        new PrintWriter(text));
    List<String> rows = text.toString().lines().filter(l -> l.startsWith("relu ")).toList();
    assertEquals(2, rows.size(), text.toString());
    assertTrue(rows.get(0).contains(" 11.0 "), "+- 11 us: " + rows.get(0));
    assertTrue(rows.get(1).contains(" 0.1 "), "+- 0.055 us: " + rows.get(1));
  }

  @Test
  void aKernelRowWithAClampedIntervalShowsWhatItsHalfWidthIsAtLeast() {
    // without the kernel's mean (the JSON has none) only high / 2 < half-width is known
    StringWriter text = new StringWriter();
    ResultTable.print(
        List.of(result(STEADY, Optional.of(new KernelTimer.Result(STALLED, 1, 0)))),
        new PrintWriter(text));
    List<String> kernel = text.toString().lines().filter(l -> l.contains(" kernel ")).toList();
    assertEquals(1, kernel.size(), text.toString());
    assertTrue(kernel.get(0).contains(" >8.0 "), kernel.get(0));
  }

  @Test
  void copyPercentAt1KIsAgainstTheChosenCopyWhichTheRowAndTheTableName() {
    Invocation relu1K = new Invocation(BenchOp.RELU, Invocation.inputs(Precision.FLOAT, 1024), 0);
    Timing copy = new Timing(500, 500, 500, 500, 0, 0, 15);
    BenchResult r =
        BenchResult.of(
            relu1K,
            BackendSpec.CPU,
            "CPU",
            "end to end",
            STEADY,
            new HostBaselines.Fastest(1, copy),
            1000.0,
            0,
            Optional.empty(),
            false);
    assertEquals(2 * 1024 * Float.BYTES / 500.0, r.copyGbps());
    assertEquals(0.5, r.copyFraction());
    assertEquals(1, r.copyThreads());
    assertEquals("host copy loop, 1 thread", r.copyBaseline());
    StringWriter text = new StringWriter();
    ResultTable.print(List.of(r), new PrintWriter(text));
    assertTrue(text.toString().contains(" 50% "), text.toString());
    assertTrue(
        text.toString().contains("  1K float relu: host copy loop, 1 thread, 16.38 GB/s"),
        text.toString());
  }

  @Test
  void theTableNamesEachHostCopyOnceWithTheOpsThatShareIt() {
    Invocation leaky = new Invocation(BenchOp.LEAKY_RELU, Invocation.inputs(Precision.FLOAT, 3), 0);
    Invocation grad = new Invocation(BenchOp.RELU_GRAD, Invocation.inputs(Precision.FLOAT, 3), 0);
    HostBaselines.Fastest two = new HostBaselines.Fastest(2, STEADY);
    HostBaselines.Fastest one = new HostBaselines.Fastest(1, STEADY);
    List<String> lines =
        ResultTable.hostCopies(
            List.of(
                BenchResult.of(
                    relu, BackendSpec.CPU, "c", "t", STEADY, two, 1.0, 0, Optional.empty(), false),
                BenchResult.of(
                    grad, BackendSpec.CPU, "c", "t", STEADY, one, 1.0, 0, Optional.empty(), false),
                BenchResult.of(
                    leaky,
                    BackendSpec.CPU,
                    "c",
                    "t",
                    STEADY,
                    two,
                    1.0,
                    0,
                    Optional.empty(),
                    false)));
    assertEquals(
        List.of(
            "3 float relu, leaky-relu: host copy loop, 2 threads, 0.02 GB/s",
            "3 float relu-grad: host copy loop, 1 thread, 0.04 GB/s"),
        lines);
  }

  private BenchResult result(Timing t, Optional<KernelTimer.Result> kernel) {
    return BenchResult.of(
        relu,
        BackendSpec.CPU,
        "CPU",
        "end to end",
        t,
        new HostBaselines.Fastest(2, STEADY),
        1000.0,
        0,
        kernel,
        false);
  }
}
