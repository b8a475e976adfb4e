package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.HostRange;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ranged writes, reads and copies of device memory that spans several buffers: random ranges, many
 * crossing a segment border, checked against the same moves on a Java array.
 */
class SegmentedRangesTest {
  /** 10 000 floats per buffer. */
  private static final long SMALL_BUFFER = 40_000;

  private static final int N = 35_003;

  @Test
  void randomRangesAcrossSegmentsMatchAJavaArray() {
    OpenClRuntime.Device device =
        OpenClRuntime.select(String.valueOf(OpenClRequirement.devices().get(0).index()));
    SplittableRandom random = new SplittableRandom(7);
    float[] modelA = new float[N];
    float[] modelB = new float[N];
    try (OpenClBackend backend =
            OpenClBackend.open(device, SMALL_BUFFER, KernelSource.activations());
        DeviceMemory a = backend.allocate(Precision.FLOAT, N);
        DeviceMemory b = backend.allocate(Precision.FLOAT, N)) {
      for (int round = 0; round < 40; round++) {
        int length = random.nextInt(1, 25_000);
        int from = random.nextInt(0, N - length + 1);
        int to = random.nextInt(0, N - length + 1);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
          values[i] = round * 100_000 + i;
        }
        a.write(HostRange.of(values), from);
        System.arraycopy(values, 0, modelA, from, length);
        a.copyTo(from, b, to, length);
        System.arraycopy(modelA, from, modelB, to, length);

        float[] back = new float[length];
        b.read(to, HostRange.of(back));
        assertArrayEquals(Arrays.copyOfRange(modelB, to, to + length), back, "round " + round);
      }
      float[] all = new float[N];
      a.read(0, HostRange.of(all));
      assertArrayEquals(modelA, all, "all of a");
      b.read(0, HostRange.of(all));
      assertArrayEquals(modelB, all, "all of b");

      IllegalStateException e = assertThrows(IllegalStateException.class, a::clMem);
      assertTrue(e.getMessage().contains("spans 4 OpenCL buffers"), e.getMessage());
    }
  }
}
