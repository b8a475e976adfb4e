package dev.rectifier.bench;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;

import dev.rectifier.DeviceArray;
import dev.rectifier.DeviceInfo;
import dev.rectifier.DeviceType;
import dev.rectifier.Precision;
import dev.rectifier.Rectifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_platform_id;
import org.jocl.cl_program;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What launching one small op costs: {@link #OPS} leakyRelu on two 1K-float device arrays, a to b
 * and back, enqueued back to back and then one {@code finish()}, {@link Paired} with a bare JOCL
 * loop of the same kernel (built from the same source with the same options) on the same queue and
 * buffers: two kernel objects whose arguments were set once, one a direction, enqueued without
 * events, then one {@code clFinish}. An op's cost is a batch's time over {@link #OPS}. The queue is
 * made as the library makes its own (in order, with profiling) on the device {@code
 * rectifier.device} names, else the best one, and the Rectifier runs on it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class LaunchCost {
  /** Ops a batch enqueues before it waits. */
  static final int OPS = 1000;

  /** Elements per array. */
  static final int SIZE = 1024;

  private static final double ALPHA = 0.01;

  private cl_context context;
  private cl_command_queue queue;
  private cl_program program;
  private final List<cl_kernel> bare = new ArrayList<>();
  private long[] global;
  private long[] local;
  private Rectifier rectifier;
  private DeviceArray a;
  private DeviceArray b;

  @Setup
  @SuppressWarnings("deprecation") // clCreateCommandQueue: as the library makes its queue
  public void setUp() {
    CL.setExceptionsEnabled(true);
    DeviceInfo info;
    try (Rectifier chosen = Rectifier.openCl()) {
      info = chosen.device().orElseThrow();
    }
    cl_platform_id[] platform = new cl_platform_id[1];
    cl_device_id device = device(info.index(), platform);
    cl_context_properties properties = new cl_context_properties();
    properties.addProperty(CL_CONTEXT_PLATFORM, platform[0]);
    context = clCreateContext(properties, 1, new cl_device_id[] {device}, null, null, null);
    queue = clCreateCommandQueue(context, device, CL_QUEUE_PROFILING_ENABLE, null);
    rectifier = Rectifier.openCl(queue);
    a = rectifier.upload((float[]) Data.normal(Precision.FLOAT, SIZE, 1));
    b = rectifier.allocate(Precision.FLOAT, SIZE);

    // The library's build options and work-group rule (ActivationProgram), for a float kernel.
    int width = info.type() == DeviceType.CPU ? 8 : 4;
    program = clCreateProgramWithSource(context, 1, new String[] {source()}, null, null);
    clBuildProgram(program, 0, null, "-DREAL=float -DWIDTH=" + width, null, null);
    for (DeviceArray[] direction : new DeviceArray[][] {{a, b}, {b, a}}) {
      cl_kernel kernel = clCreateKernel(program, "leaky_relu", null);
      bare.add(kernel);
      clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(direction[0].clMem()));
      clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(direction[1].clMem()));
      clSetKernelArg(kernel, 2, Sizeof.cl_uint, Pointer.to(new int[] {SIZE}));
      clSetKernelArg(kernel, 3, Sizeof.cl_float, Pointer.to(new float[] {(float) ALPHA}));
    }
    long group = groupSize(bare.get(0), device);
    long items = (SIZE + width - 1) / width;
    global = new long[] {(items + group - 1) / group * group};
    local = new long[] {group};
  }

  @Benchmark
  public DeviceArray run(Paired paired) throws Exception {
    paired.time(this::bareLoop, this::chain);
    return b;
  }

  private void bareLoop() {
    for (int i = 0; i < OPS; i++) {
      clEnqueueNDRangeKernel(queue, bare.get(i & 1), 1, null, global, local, 0, null, null);
    }
    clFinish(queue);
  }

  private void chain() {
    for (int i = 0; i < OPS; i += 2) {
      rectifier.leakyRelu(a, b, ALPHA);
      rectifier.leakyRelu(b, a, ALPHA);
    }
    rectifier.finish();
  }

  @TearDown
  public void tearDown() {
    a.close();
    b.close();
    rectifier.close();
    bare.forEach(CL::clReleaseKernel);
    clReleaseProgram(program);
    clReleaseCommandQueue(queue);
    clReleaseContext(context);
  }

  /** Device {@code index} in {@link Rectifier#devices()}' order, and its platform. */
  private static cl_device_id device(int index, cl_platform_id[] platformOut) {
    int[] count = new int[1];
    clGetPlatformIDs(0, null, count);
    cl_platform_id[] platforms = new cl_platform_id[count[0]];
    clGetPlatformIDs(platforms.length, platforms, null);
    int seen = 0;
    for (cl_platform_id p : platforms) {
      int[] n = new int[1];
      clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, n);
      if (index < seen + n[0]) {
        cl_device_id[] ids = new cl_device_id[n[0]];
        clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        platformOut[0] = p;
        return ids[index - seen];
      }
      seen += n[0];
    }
    throw new IllegalStateException("no OpenCL device " + index);
  }

  /** The largest multiple of the kernel's preferred multiple up to 256 the kernel allows. */
  private static long groupSize(cl_kernel kernel, cl_device_id device) {
    long[] max = new long[1];
    long[] multiple = new long[1];
    clGetKernelWorkGroupInfo(
        kernel, device, CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(max), null);
    clGetKernelWorkGroupInfo(
        kernel,
        device,
        CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE,
        Sizeof.size_t,
        Pointer.to(multiple),
        null);
    long limit = Math.min(256, max[0]);
    long step = Math.max(1, multiple[0]);
    return limit >= step ? limit / step * step : Math.max(1, limit);
  }

  /** The library's kernel source, from its jar. */
  private static String source() {
    try (InputStream in = LaunchCost.class.getResourceAsStream("/kernels/activations.cl")) {
      if (in == null) {
        throw new IllegalStateException("/kernels/activations.cl is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
