package dev.rectifier.opencl;

import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clReleaseProgram;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rectifier.DeviceArray;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.junit.jupiter.api.Test;

/**
 * Kernel objects keep their arguments between launches: a caller gets back the object that holds
 * its arguments, and one whose arguments differ (by a buffer, or by a value's bits only) computes
 * with the new ones.
 */
class KernelObjectsTest {
  private final String device = String.valueOf(OpenClRequirement.devices().get(0).index());

  @Test
  void aBorrowerGetsTheObjectHoldingItsArgumentsAndANewOneForOthersUpToKeep() {
    DeviceContext shared = DeviceContext.of(OpenClRuntime.select(device));
    cl_mem x = new cl_mem(); // a null buffer, which clSetKernelArg takes
    cl_program program =
        clCreateProgramWithSource(
            shared.context(), 1, new String[] {KernelSource.activations()}, null, null);
    clBuildProgram(
        program,
        0,
        null,
        ActivationProgram.buildOptions(Precision.FLOAT, shared.device().info().type()),
        null,
        null);
    try (KernelObjects objects = new KernelObjects(program, "relu")) {
      List<KernelObjects.Bound> seen = new ArrayList<>();
      for (int n = 0; n < KernelObjects.KEEP; n++) {
        Object[] args = {x, x, n};
        KernelObjects.Bound b = objects.borrow(args);
        b.set(args);
        objects.giveBack(b);
        seen.add(b);
      }
      Set<KernelObjects.Bound> distinct = new HashSet<>(seen);
      assertSame(KernelObjects.KEEP, distinct.size(), "one object per argument set up to KEEP");
      for (int n = 0; n < KernelObjects.KEEP; n++) {
        KernelObjects.Bound b = objects.borrow(new Object[] {x, x, n});
        assertSame(seen.get(n), b, "the object holding arguments " + n);
        objects.giveBack(b);
      }
      Object[] others = {x, new cl_mem(), 0};
      KernelObjects.Bound other = objects.borrow(others);
      assertSame(seen.get(0), other, "past KEEP, the one given back longest ago");
      other.set(others);
      objects.giveBack(other);
      assertNotSame(seen.get(0), objects.borrow(new Object[] {x, x, 0}), "it no longer holds them");
    } finally {
      clReleaseProgram(program);
    }
  }

  @Test
  void argumentsThatDifferOnlyInTheirBitsOrBuffersAreSet() {
    int n = 1000;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? -1 - i : i;
    }
    try (Rectifier r = Rectifier.openCl(device);
        Rectifier cpu = Rectifier.cpu()) {
      List<DeviceArray> outs = new ArrayList<>();
      try (DeviceArray in = r.upload(x)) {
        // One output (its kernel object kept, the alpha flipping sign) and more than KEEP.
        for (int arrays : new int[] {1, 2 * KernelObjects.KEEP + 3}) {
          for (double sign : new double[] {0.0, -0.0, 0.0}) {
            for (int k = 0; k < arrays; k++) {
              if (outs.size() == k) {
                outs.add(r.allocate(Precision.FLOAT, n));
              }
              r.leakyRelu(in, outs.get(k), Math.copySign(k * 0.125, sign));
            }
            for (int k = 0; k < arrays; k++) {
              float alpha = (float) Math.copySign(k * 0.125, sign);
              float[] expected = new float[n];
              cpu.leakyRelu(x, expected, alpha);
              float[] actual = new float[n];
              outs.get(k).read(actual);
              assertArrayEquals(expected, actual, "array " + k + ", alpha " + alpha);
            }
          }
        }
      } finally {
        outs.forEach(DeviceArray::close);
      }
    }
  }
}
