package dev.rectifier.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.Op;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.Requests;
import dev.rectifier.TestPrecisions;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.verify.Comparison;
import dev.rectifier.verify.Expected;
import dev.rectifier.verify.RandomValues;
import dev.rectifier.verify.RandomValues.Distribution;
import dev.rectifier.verify.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of moving Java arrays through a device (host memory shared in place with CPU devices,
 * mapping on host-unified devices, DMA from pinned staging on discrete ones), each forced on every
 * device, with buffers small enough that requests run in many chunks and device arrays span many
 * segments.
 */
class TransferPathsTest {
  /** 40 000 bytes: 10 000 floats or 5 000 doubles per buffer. */
  private static final long SMALL_BUFFER = 40_000;

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (DeviceInfo d : OpenClRequirement.devices()) {
      for (OpenClBackend.TransferPath path : OpenClBackend.TransferPath.values()) {
        for (Precision p : TestPrecisions.FLOAT_AND_DOUBLE) {
          if (p == Precision.FLOAT || d.fp64()) {
            cases.add(Arguments.of(d, path, p));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void requestsAndDeviceArraysAreExactOnEveryPath(
      DeviceInfo d, OpenClBackend.TransferPath path, Precision p) {
    int n = 123_457;
    Object x = Tensors.of(RandomValues.draw(Distribution.MIXED, p, n, 5), p);
    Object dy = Tensors.of(RandomValues.draw(Distribution.MIXED, p, n, 6), p);
    OpenClRuntime.Device device = OpenClRuntime.select(String.valueOf(d.index()));
    try (OpenClBackend backend =
        OpenClBackend.open(device, SMALL_BUFFER, KernelSource.activations(), path)) {
      for (Op op : Op.values()) {
        double alpha = op.takesAlpha() ? -0.75 : 0;
        Object g = op.isGradient() ? dy : null;
        Object expected = Expected.of(op, x, g, alpha);
        Object flushing = Expected.flushing(mayFlush(d, p), op, x, g, alpha);

        Object out = Tensors.filled(n, 42, p);
        backend.run(Requests.of(op, x, 0, g, 0, out, 0, n, alpha));
        assertSame(d + " " + path + " " + op + " on Java arrays", expected, flushing, out);

        try (DeviceMemory dx = backend.allocate(p, n);
            DeviceMemory ddy = backend.allocate(p, n);
            DeviceMemory dout = backend.allocate(p, n)) {
          dx.write(Requests.range(x), 0);
          ddy.write(Requests.range(dy), 0);
          backend.run(op, dx, op.isGradient() ? ddy : null, dout, alpha);
          Object back = Tensors.filled(n, 42, p);
          dout.read(0, Requests.range(back));
          assertSame(d + " " + path + " " + op + " on device arrays", expected, flushing, back);
        }
      }
    }
  }

  private static boolean mayFlush(DeviceInfo d, Precision p) {
    return p == Precision.DOUBLE ? !d.doubleDenormals() : !d.floatDenormals();
  }

  private static void assertSame(String what, Object expected, Object flushing, Object actual) {
    Comparison c =
        Comparison.of(expected, flushing, actual, 0, Tensors.length(expected), i -> "i=" + i, 5);
    assertTrue(c.passed(), () -> what + ": " + c.mismatches() + " differ, first: " + c.first());
  }
}
