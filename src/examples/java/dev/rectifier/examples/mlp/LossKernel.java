package dev.rectifier.examples.mlp;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The example's own OpenCL kernel, {@code softmax_cross_entropy} ({@code softmax_cross_entropy.cl}
 * beside this class), built for the queue's context and enqueued on the queue.
 */
final class LossKernel implements AutoCloseable {
  private static final String SOURCE = "softmax_cross_entropy.cl";

  private final OpenClQueue cl;
  private final cl_program program;
  private final cl_kernel kernel;

  LossKernel(OpenClQueue cl) {
    this.cl = cl;
    program = clCreateProgramWithSource(cl.context(), 1, new String[] {source()}, null, null);
    try {
      clBuildProgram(program, 1, new cl_device_id[] {cl.device()}, "", null, null);
    } catch (CLException e) {
      String log = buildLog();
      clReleaseProgram(program);
      throw new IllegalStateException(
          "building " + SOURCE + " failed (" + e.getMessage() + "); the build log:\n" + log, e);
    }
    kernel = clCreateKernel(program, "softmax_cross_entropy", null);
  }

  /**
   * Enqueues the kernel over {@code rows} rows of {@code z} ({@code rows × classes}): writes {@code
   * dz} (the same size) and {@code rowLoss} ({@code rows}), whose sum is the mean loss.
   */
  void enqueue(cl_mem z, cl_mem labels, int rows, int classes, cl_mem dz, cl_mem rowLoss) {
    clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(z));
    clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(labels));
    clSetKernelArg(kernel, 2, Sizeof.cl_int, Pointer.to(new int[] {classes}));
    clSetKernelArg(kernel, 3, Sizeof.cl_float, Pointer.to(new float[] {1f / rows}));
    clSetKernelArg(kernel, 4, Sizeof.cl_mem, Pointer.to(dz));
    clSetKernelArg(kernel, 5, Sizeof.cl_mem, Pointer.to(rowLoss));
    clEnqueueNDRangeKernel(cl.queue(), kernel, 1, null, new long[] {rows}, null, 0, null, null);
  }

  private static String source() {
    try (InputStream in = LossKernel.class.getResourceAsStream(SOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + SOURCE + " failed", e);
    }
  }

  private String buildLog() {
    return ClInfo.string(
        (size, value, out) ->
            clGetProgramBuildInfo(program, cl.device(), CL_PROGRAM_BUILD_LOG, size, value, out));
  }

  @Override
  public void close() {
    clReleaseKernel(kernel);
    clReleaseProgram(program);
  }
}
