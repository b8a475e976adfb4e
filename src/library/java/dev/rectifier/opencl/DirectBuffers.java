package dev.rectifier.opencl;

import static org.jocl.CL.CL_MAP_READ;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_USE_HOST_PTR;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueMapBuffer;
import static org.jocl.CL.clEnqueueUnmapMemObject;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clReleaseMemObject;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.opencl.jocl.Jocl;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_mem;

/**
 * Ops on direct {@code java.nio} buffers in their own memory, for a device that shares host memory
 * (a CPU device such as PoCL, an integrated GPU): each buffer becomes a {@code CL_MEM_USE_HOST_PTR}
 * buffer over its elements (the GC never moves a direct buffer's memory), in pieces of at most the
 * largest buffer; once the kernel is done the output is mapped, so that the host sees it, and
 * everything is released. One pass over memory, where staging takes three.
 *
 * @param context the device's context
 * @param queue the queue the kernels and maps run on, in order
 * @param programs the kernels, by precision
 * @param maxBufferBytes the largest piece
 * @param device the device's name, for error messages
 */
record DirectBuffers(
    cl_context context,
    cl_command_queue queue,
    Map<Precision, ActivationProgram> programs,
    long maxBufferBytes,
    String device) {

  /**
   * Runs {@code op} on direct buffers of precision {@code p} (FLOAT or DOUBLE: 16-bit buffers are
   * staged, {@link OpenClBackend#runInPlace}), from position to limit, checked by the caller
   * ({@code dy} null for forward ops; {@code out} may be {@code x} or {@code dy}); returns when the
   * result is in {@code out}.
   */
  void run(Precision p, Op op, Buffer x, Buffer dy, Buffer out, double alpha) {
    ActivationProgram program = programs.get(p);
    int n = x.remaining();
    int piece = (int) Math.max(1, Math.min(n, maxBufferBytes / p.bytes()));
    Guard.guarded(
        op + " on direct buffers",
        device,
        () -> {
          for (int start = 0; start < n; start += piece) {
            int k = Math.min(piece, n - start);
            List<cl_mem> made = new ArrayList<>(3);
            try {
              cl_mem mx = wrap(x, start, k, p, made);
              cl_mem mdy = dy == null ? null : dy == x ? mx : wrap(dy, start, k, p, made);
              cl_mem mout = out == x ? mx : out == dy ? mdy : wrap(out, start, k, p, made);
              program.enqueue(queue, op, mx, mdy, mout, k, alpha, null);
              long bytes = (long) k * p.bytes();
              ByteBuffer seen =
                  Jocl.make(
                      s ->
                          clEnqueueMapBuffer(
                              queue, mout, CL_TRUE, CL_MAP_READ, 0, bytes, 0, null, null, s));
              Jocl.call(() -> clEnqueueUnmapMemObject(queue, mout, seen, 0, null, null));
              Jocl.call(() -> clFinish(queue));
            } finally {
              made.forEach(m -> Jocl.call(() -> clReleaseMemObject(m)));
            }
          }
        });
  }

  /** A device buffer over elements {@code [start, start + k)} past the position of {@code b}. */
  private cl_mem wrap(Buffer b, int start, int k, Precision p, List<cl_mem> made) {
    int from = b.position() + start;
    Pointer host =
        b instanceof FloatBuffer f
            ? Pointer.to(f.slice(from, k))
            : Pointer.to(((DoubleBuffer) b).slice(from, k));
    cl_mem m =
        Jocl.make(
            s ->
                clCreateBuffer(
                    context,
                    CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR,
                    (long) k * p.bytes(),
                    host,
                    s));
    made.add(m);
    return m;
  }
}
