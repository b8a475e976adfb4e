package dev.rectifier.choice;

import dev.rectifier.Op;
import dev.rectifier.backend.Backend;
import dev.rectifier.backend.FloatRequest;
import dev.rectifier.backend.Request;
import java.util.HashSet;
import java.util.Set;

/** Times the real backends: one untimed call per backend and length first, then batches. */
final class BackendTimer implements CalibrationRule.Timer {
  /** At short lengths a timed sample is a batch of calls over about this many elements. */
  private static final int BATCH_ELEMENTS = 1 << 20;

  private static final int JIT_WARMUP_CALLS = 300;
  private static final int DEVICE_WARMUP_CALLS = 3;

  private final Backend cpu;
  private final Backend device;
  private final float[] x;
  private final float[] y;
  private final Set<Integer> warm = new HashSet<>();

  /** Runs both backends until HotSpot has compiled the CPU loops, so that they are timed fast. */
  BackendTimer(Backend cpu, Backend device, float[] x, float[] y) {
    this.cpu = cpu;
    this.device = device;
    this.x = x;
    this.y = y;
    Request r = leakyRelu(x, y, Math.min(1 << 16, x.length));
    for (int i = 0; i < JIT_WARMUP_CALLS; i++) {
      cpu.run(r);
    }
    for (int i = 0; i < DEVICE_WARMUP_CALLS; i++) {
      device.run(r);
    }
  }

  @Override
  public double nanos(boolean onDevice, int length) {
    Backend backend = onDevice ? device : cpu;
    Request r = leakyRelu(x, y, length);
    if (warm.add(onDevice ? -length : length)) {
      backend.run(r);
    }
    int calls = Math.max(1, BATCH_ELEMENTS / length);
    long t = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      backend.run(r);
    }
    return (double) (System.nanoTime() - t) / calls;
  }

  /** The one request the calibration makes: float Leaky ReLU on the first {@code n} elements. */
  private static Request leakyRelu(float[] x, float[] y, int n) {
    return new FloatRequest(Op.LEAKY_RELU, x, 0, null, 0, y, 0, n, 0.01f);
  }
}
