package dev.rectifier.opencl;

import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.RectifierException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The activation kernels of one precision, built once for one device, with a pool of kernel objects
 * per op: {@code clSetKernelArg} on one kernel is not thread-safe, so each caller borrows a kernel
 * of its own for the time it sets arguments and enqueues.
 */
final class ActivationProgram implements AutoCloseable {
  private final Precision precision;
  private final cl_program program;
  private final Map<Op, Queue<cl_kernel>> idle = new EnumMap<>(Op.class);

  private ActivationProgram(Precision precision, cl_program program) {
    this.precision = precision;
    this.program = program;
    for (Op op : Op.values()) {
      idle.put(op, new ConcurrentLinkedQueue<>());
    }
  }

  /** The build options for a precision. Never any fast-math option: the contract forbids them. */
  static String buildOptions(Precision precision) {
    return precision == Precision.DOUBLE ? "-DREAL=double -DREAL_IS_DOUBLE" : "-DREAL=float";
  }

  /**
   * Builds {@code source} for {@code device}.
   *
   * @throws RectifierException with the device's build log if the build fails
   */
  static ActivationProgram build(
      cl_context context,
      cl_device_id device,
      String deviceName,
      Precision precision,
      String source) {
    cl_program program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
    try {
      clBuildProgram(program, 1, new cl_device_id[] {device}, buildOptions(precision), null, null);
      return new ActivationProgram(precision, program);
    } catch (CLException e) {
      String log = InfoQuery.buildLog(program, device);
      clReleaseProgram(program);
      throw new RectifierException(
          "building "
              + KernelSource.origin()
              + " for "
              + precision.cType()
              + " on "
              + deviceName
              + " failed ("
              + e.getMessage()
              + "); build log:\n"
              + log,
          e);
    }
  }

  /**
   * Enqueues {@code op} on {@code n} elements: reads {@code x} (and {@code dy} for gradients),
   * writes {@code out}. The buffers may be the same object for in-place work.
   */
  void enqueue(
      cl_command_queue queue, Op op, cl_mem x, cl_mem dy, cl_mem out, int n, double alpha) {
    cl_kernel kernel = borrow(op);
    try {
      int arg = 0;
      clSetKernelArg(kernel, arg++, Sizeof.cl_mem, Pointer.to(x));
      if (op.isGradient()) {
        clSetKernelArg(kernel, arg++, Sizeof.cl_mem, Pointer.to(dy));
      }
      clSetKernelArg(kernel, arg++, Sizeof.cl_mem, Pointer.to(out));
      clSetKernelArg(kernel, arg++, Sizeof.cl_uint, Pointer.to(new int[] {n}));
      if (op.takesAlpha()) {
        Pointer a =
            precision == Precision.DOUBLE
                ? Pointer.to(new double[] {alpha})
                : Pointer.to(new float[] {(float) alpha});
        clSetKernelArg(kernel, arg, precision.bytes(), a);
      }
      // Arguments are captured at enqueue time, so the kernel may go back to the pool right after.
      clEnqueueNDRangeKernel(queue, kernel, 1, null, new long[] {n}, null, 0, null, null);
    } finally {
      idle.get(op).add(kernel);
    }
  }

  private cl_kernel borrow(Op op) {
    cl_kernel kernel = idle.get(op).poll();
    return kernel != null ? kernel : clCreateKernel(program, op.kernelName(), null);
  }

  /** Releases the kernels and the program. Call once, when no enqueue is in progress. */
  @Override
  public void close() {
    for (Queue<cl_kernel> kernels : idle.values()) {
      for (cl_kernel k = kernels.poll(); k != null; k = kernels.poll()) {
        clReleaseKernel(k);
      }
    }
    clReleaseProgram(program);
  }
}
