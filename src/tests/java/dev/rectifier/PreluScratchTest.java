package dev.rectifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * preluGrad's scratch is bounded for every shape by 64 MiB and a sixteenth of x's bytes: 100M
 * floats as 1 channel × inner 100M, 4 × 25M and 64 × 1 each run in a child JVM whose heap is 3 ×
 * x's bytes + 128 MiB (x, dy and dx, and room for the rest), with the right weight gradient; on
 * OpenCL, where the scratch is device memory, the scratch the device allocates (its log) is within
 * the bound too.
 */
@Tag("long")
class PreluScratchTest {
  private static final long N = 100_000_000;
  private static final long X_BYTES = N * Float.BYTES;
  private static final long BOUND = (64L << 20) + X_BYTES / 16;
  private static final long HEAP = 3 * X_BYTES + (128L << 20);

  @ParameterizedTest(name = "{0} channels={1} inner={2}")
  @CsvSource({
    "cpu, 1, 100000000",
    "cpu, 4, 25000000",
    "cpu, 64, 1",
    "opencl, 1, 100000000",
    "opencl, 4, 25000000",
    "opencl, 64, 1"
  })
  void runsInAHeapOfItsArraysAndABoundedScratch(String backend, int channels, int inner)
      throws Exception {
    if (backend.equals("opencl")) {
      OpenClRequirement.devices();
    }
    ChildJvm child =
        ChildJvm.run(
            PreluScratchProbe.class,
            Map.of(),
            Duration.ofMinutes(5),
            List.of(
                "-Xmx" + HEAP,
                "-Xms" + HEAP, // all of it from the start: G1 finds room for the three arrays
                "-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + "/hs_err_pid%p.log"),
            backend,
            String.valueOf(channels),
            String.valueOf(inner),
            String.valueOf(N));
    String out = child.out();

    assertEquals(0, child.exitCode(), child.transcript());
    // Channel 0's terms are -0.5 for its even elements: half of them, or all with an even count
    // of channels and inner 1. Within the contract's bound of 4 eps of the sum of |terms|.
    double exact = -0.5 * N / channels / (inner == 1 && channels % 2 == 0 ? 1 : 2);
    Matcher dweight0 = Pattern.compile("dweight0=(\\S+)").matcher(out);
    assertTrue(dweight0.find(), child.transcript());
    assertEquals(
        exact, Float.parseFloat(dweight0.group(1)), 4 * 0x1p-24 * -exact, child.transcript());
    if (backend.equals("opencl")) {
      Matcher scratch = Pattern.compile("scratch=(\\d+)").matcher(out);
      assertTrue(scratch.find(), child.transcript());
      assertTrue(Long.parseLong(scratch.group(1)) <= BOUND, child.transcript());
    }
  }
}
