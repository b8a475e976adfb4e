package dev.rectifier.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.Op;
import dev.rectifier.OpenClRequirement;
import dev.rectifier.Precision;
import dev.rectifier.RectifierException;
import dev.rectifier.TestPrecisions;
import dev.rectifier.cache.ProgramBinaryCache;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every program is checked on known answers when it is built or loaded: a wrong cached binary is
 * evicted and compiled again, and a wrong source refuses the device, saying what was wrong.
 */
class KnownAnswerTest {
  private static final String RELU =
      "#define RELU(v) ((v) > (REAL)0 ? (v) : (isnan(v) ? (v) : (REAL)0))";
  private static final String LEAKY_RELU_GRAD =
      "#define LEAKY_RELU_GRAD(v, g, a) ((v) > (REAL)0 ? (g) : (a) * (g))";
  private static final String LEAKY_RELU =
      "#define LEAKY_RELU(v, a) ((v) > (REAL)0 ? (v) : (a) * (v))";

  @TempDir Path folder;

  static List<DeviceInfo> devices() {
    return OpenClRequirement.devices();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void aCachedBinaryOfAWrongKernelIsEvictedAndCompiledAgain(DeviceInfo d) {
    DeviceContext shared = DeviceContext.of(OpenClRuntime.select(String.valueOf(d.index())));
    ProgramBinaryCache cache = ProgramBinaryCache.in(folder);
    // A source of its own, so the shared program map does not answer instead of the cache.
    String source = KernelSource.activations() + "\n// known answers " + System.nanoTime() + "\n";
    String key =
        ProgramBinaryCache.key(
            source, ActivationProgram.buildOptions(Precision.FLOAT, d.type()), d);
    byte[] wrong = compile(shared, wrong(source, RELU, "#define RELU(v) fmax((v), (REAL)0)"));
    cache.store(key, wrong);

    ActivationProgram program =
        ActivationProgram.build(
            shared.context(), shared.device().id(), d, Precision.FLOAT, source, Optional.of(cache));

    float[] y = relu(shared, program, new float[] {Float.NaN, -1, 2});
    assertTrue(Float.isNaN(y[0]) && y[1] == 0 && y[2] == 2, Arrays.toString(y));
    byte[] now = cache.load(key).orElseThrow();
    assertFalse(Arrays.equals(wrong, now), "the wrong binary was replaced");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void aSourceThatComputesWrongIsRefusedWithTheOpInputAndBits(DeviceInfo d) {
    DeviceContext shared = DeviceContext.of(OpenClRuntime.select(String.valueOf(d.index())));
    String source = KernelSource.activations();

    String message =
        refused(
            shared, d, Precision.FLOAT, wrong(source, RELU, "#define RELU(v) fmax((v), (REAL)0)"));
    assertTrue(
        message.contains(
            " compute RELU wrong for float on "
                + d.name()
                + ": x = NaN (0x7fc00000): expected NaN (0x7fc00000), got 0.0 (0x00000000)"),
        message);

    // The derivative at 0 is alpha, not 1.
    message =
        refused(
            shared,
            d,
            Precision.FLOAT,
            wrong(
                source,
                LEAKY_RELU_GRAD,
                "#define LEAKY_RELU_GRAD(v, g, a) ((v) >= (REAL)0 ? (g) : (a) * (g))"));
    assertTrue(message.contains(" compute LEAKY_RELU_GRAD wrong for float on "), message);
    assertTrue(message.contains(": x = 0.0 (0x00000000), dy = "), message);

    // max(a*x, x) is wrong for alpha above 1 (and for -0.5 at x = +0, where it gives +0).
    message =
        refused(
            shared,
            d,
            Precision.FLOAT,
            wrong(
                source,
                LEAKY_RELU,
                "#define LEAKY_RELU(v, a) ((a) * (v) > (v) ? (a) * (v) : (v))"));
    assertTrue(message.contains(" compute LEAKY_RELU wrong for float on "), message);
    assertTrue(message.contains(", alpha = "), message);

    if (d.fp64()) {
      // Wrong in double only: negative inputs give -0.0 instead of +0.0.
      String doubleOnly =
          source.replace(
              RELU,
              "#ifdef REAL_IS_DOUBLE\n#define RELU(v) ((v) > (REAL)0 ? (v) : (isnan(v) ? (v) : (REAL)-0.0))\n#else\n"
                  + RELU
                  + "\n#endif");
      build(shared, d, Precision.FLOAT, doubleOnly);
      message = refused(shared, d, Precision.DOUBLE, doubleOnly);
      assertTrue(message.contains(" compute RELU wrong for double on "), message);
      assertTrue(
          message.contains("expected 0.0 (0x0000000000000000), got -0.0 (0x8000000000000000)"),
          message);
    }
  }

  /**
   * The kernels as the host builds them for the other kinds of device (a GPU's vector width, one
   * column of PReLU's gradient a work-item) pass the known-answer check on this device as well: the
   * only place where a machine without a GPU runs them.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void theKernelsOfOtherDeviceKindsPassTheCheckHereToo(DeviceInfo d) {
    DeviceContext shared = DeviceContext.of(OpenClRuntime.select(String.valueOf(d.index())));
    for (DeviceType type : DeviceType.values()) {
      DeviceInfo as = RetypedDevices.retyped(d, type);
      for (Precision p : d.fp64() ? TestPrecisions.FLOAT_AND_DOUBLE : List.of(Precision.FLOAT)) {
        build(shared, as, p, KernelSource.activations()).release();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("devices")
  void preluKernelsThatComputeWrongAreRefused(DeviceInfo d) {
    DeviceContext shared = DeviceContext.of(OpenClRuntime.select(String.valueOf(d.index())));
    String source = KernelSource.activations();

    // dx's select with >=: the derivative at 0 is the weight, not 1.
    String message =
        refused(
            shared,
            d,
            Precision.FLOAT,
            wrong(
                source,
                "out = (v) > (REAL)0 ? (d) : (wc) * (d);",
                "out = (v) >= (REAL)0 ? (d) : (wc) * (d);"));
    assertTrue(message.contains(" compute PRELU_GRAD: x = 0.0 (0x00000000), dy = "), message);

    // A plain sum down the columns instead of the compensated one: the normal case's dweight.
    message =
        refused(
            shared,
            d,
            Precision.FLOAT,
            wrong(source, "e = (e) + (((s) - (sum - bb)) + (term - bb));", "e = (e);"));
    assertTrue(message.contains(" compute PRELU_GRAD: dweight["), message);
    assertTrue(message.contains("inner 7: expected "), message);

    // The tree over a channel's lanes in another order: one after the other, left to right.
    message =
        refused(
            shared,
            d,
            Precision.FLOAT,
            wrong(
                source,
                "      COMBINE(a, b);",
                "      if (h == 1 && l == 0) {\n"
                    + "        for (uint m = 1; m < lanes; m++) {\n"
                    + "          COMBINE(q * width + COLUMN(c, 0), q * width + COLUMN(c, m));\n"
                    + "        }\n"
                    + "      }"));
    assertTrue(message.contains(" compute PRELU_GRAD: dweight["), message);
  }

  private static String wrong(String source, String right, String wrong) {
    assertTrue(source.contains(right), right);
    return source.replace(right, wrong);
  }

  private static String refused(DeviceContext shared, DeviceInfo d, Precision p, String source) {
    return assertThrows(RectifierException.class, () -> build(shared, d, p, source)).getMessage();
  }

  private static ActivationProgram build(
      DeviceContext shared, DeviceInfo d, Precision p, String source) {
    return ActivationProgram.build(
        shared.context(), shared.device().id(), d, p, source, Optional.empty());
  }

  /** The float binary of {@code source}, built without any check. */
  private static byte[] compile(DeviceContext shared, String source) {
    cl_device_id id = shared.device().id();
    cl_program program =
        clCreateProgramWithSource(shared.context(), 1, new String[] {source}, null, null);
    try {
      clBuildProgram(
          program,
          1,
          new cl_device_id[] {id},
          ActivationProgram.buildOptions(Precision.FLOAT, shared.device().info().type()),
          null,
          null);
      return ActivationProgram.binaryOf(program);
    } finally {
      clReleaseProgram(program);
    }
  }

  private static float[] relu(DeviceContext shared, ActivationProgram program, float[] x) {
    cl_command_queue queue = shared.createQueue();
    float[] y = x.clone();
    cl_mem buffer =
        clCreateBuffer(
            shared.context(),
            CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR,
            (long) Sizeof.cl_float * x.length,
            Pointer.to(y),
            null);
    try {
      program.enqueue(queue, Op.RELU, buffer, null, buffer, x.length, 0, null);
      clEnqueueReadBuffer(
          queue, buffer, true, 0, (long) Sizeof.cl_float * y.length, Pointer.to(y), 0, null, null);
      return y;
    } finally {
      clReleaseMemObject(buffer);
      clReleaseCommandQueue(queue);
    }
  }
}
