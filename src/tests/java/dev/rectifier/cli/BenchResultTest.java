package dev.rectifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Precision;
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

  private BenchResult result(Timing t, Optional<KernelTimer.Result> kernel) {
    return BenchResult.of(relu, BackendSpec.CPU, "CPU", "end to end", t, STEADY, 1000.0, 0, kernel);
  }
}
