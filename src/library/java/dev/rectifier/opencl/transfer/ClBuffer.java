package dev.rectifier.opencl.transfer;

import static org.jocl.CL.clReleaseMemObject;

import dev.rectifier.opencl.jocl.Jocl;
import org.jocl.cl_mem;

/**
 * A device buffer a {@link HostTransfer} allocated, and the way that transfer releases it: its
 * holder closes it once, when the buffer is no longer used; what is still queued on it finishes
 * first (OpenCL deletes a released buffer when its commands are done).
 */
public final class ClBuffer implements AutoCloseable {
  private final cl_mem mem;
  private final Runnable release;

  ClBuffer(cl_mem mem, Runnable release) {
    this.mem = mem;
    this.release = release;
  }

  /** {@code mem}, released by {@code clReleaseMemObject} alone. */
  public static ClBuffer of(cl_mem mem) {
    return new ClBuffer(mem, () -> Jocl.call(() -> clReleaseMemObject(mem)));
  }

  /** The buffer, for kernels and copies. */
  public cl_mem mem() {
    return mem;
  }

  /** Releases the buffer. Call once. */
  @Override
  public void close() {
    release.run();
  }
}
