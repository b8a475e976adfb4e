package dev.rectifier.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.Rectifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostBaselinesTest {
  @Test
  void theThreadCountsDoubleUpToTheLargestAndEndWithIt() {
    assertEquals(List.of(1), HostBaselines.threadCounts(1));
    assertEquals(List.of(1, 2), HostBaselines.threadCounts(2));
    assertEquals(List.of(1, 2, 4, 6), HostBaselines.threadCounts(6));
    assertEquals(List.of(1, 2, 4, 8, 16), HostBaselines.threadCounts(16));
  }

  @Test
  void theLargestIsTheCpuBackendsThreadCount() {
    try (Rectifier cpu = Rectifier.cpu()) {
      assertTrue(
          cpu.describe().startsWith("CPU: Java, " + HostBaselines.backendThreads() + " threads,"),
          cpu.describe());
    }
    try (HostBaselines baselines = new HostBaselines()) {
      List<Integer> counts = baselines.threadCounts();
      assertEquals(HostBaselines.backendThreads(), counts.get(counts.size() - 1));
    }
  }

  @Test
  void theFastestIsTheCandidateWithTheLowestMedianAndNamesItsThreadCount() {
    try (HostBaselines baselines = new HostBaselines(4)) {
      List<HostBaselines.Candidate> copies = baselines.copies(new float[8], new float[8]);
      HostBaselines.Fastest two = HostBaselines.fastest(copies, medians(30, 10, 20));
      assertEquals(2, two.threads());
      assertEquals(10, two.timing().medianNs());
      assertEquals("host copy loop, 2 threads", two.copyDescription());
      HostBaselines.Fastest one = HostBaselines.fastest(copies, medians(5, 10, 20));
      assertEquals(1, one.threads());
      assertEquals("host copy loop, 1 thread", one.copyDescription());
      HostBaselines.Fastest four = HostBaselines.fastest(copies, medians(30, 10, 9));
      assertEquals(4, four.threads());
    }
  }

  @Test
  void theDescriptionNamesEveryThreadCountTried() {
    assertEquals(
        "host copy loop on 1, 2, 4 threads, the fastest",
        HostBaselines.describeCopies(List.of(1, 2, 4)));
    assertEquals("host copy loop on 1 thread", HostBaselines.describeCopies(List.of(1)));
  }

  @Test
  void everyCandidateCopiesOrAddsTheWholeArraysWhateverItsSlices() {
    try (HostBaselines baselines = new HostBaselines(3)) {
      float[] x = {1, 2, 3, 4, 5, 6, 7};
      float[] dy = {10, 20, 30, 40, 50, 60, 70};
      double[] xd = {1, 2, 3, 4, 5, 6, 7};
      for (int k = 0; k < 3; k++) {
        float[] copy = new float[7];
        baselines.copies(x, copy).get(k).call().run();
        assertArrayEquals(x, copy, "on " + baselines.threadCounts().get(k) + " threads");
        double[] copyD = new double[7];
        baselines.copies(xd, copyD).get(k).call().run();
        assertArrayEquals(xd, copyD);
        float[] sum = new float[7];
        baselines.threeArrayBounds(x, dy, sum).get(k).call().run();
        assertArrayEquals(new float[] {11, 22, 33, 44, 55, 66, 77}, sum);
      }
    }
  }

  @Test
  void noThreadsIsAnErrorNamingTheArgument() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new HostBaselines(0));
    assertEquals("maxThreads must be 1 or more but was 0", e.getMessage());
  }

  /** A timer that runs each call once and says the calls took these medians, in order. */
  private static java.util.function.Function<List<Runnable>, List<Timing>> medians(
      double... nanos) {
    return calls -> {
      assertEquals(nanos.length, calls.size());
      List<Timing> timings = new ArrayList<>();
      for (int i = 0; i < nanos.length; i++) {
        calls.get(i).run();
        timings.add(new Timing(nanos[i], nanos[i], nanos[i], nanos[i], 0, 0, 1));
      }
      return timings;
    };
  }
}
