package dev.rectifier.opencl;

import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clFinish;

import dev.rectifier.Precision;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.HostRange;
import dev.rectifier.opencl.transfer.ClBuffer;
import dev.rectifier.opencl.transfer.HostTransfer;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;

/**
 * A {@link dev.rectifier.DeviceArray} on an OpenCL device: one buffer, or several segments when the
 * array is larger than the device's largest buffer ({@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}). The
 * segments come from a {@link HostTransfer}, which copies into and out of them and releases them
 * when this memory is closed.
 */
final class ClMemory implements DeviceMemory {
  private final cl_command_queue queue;
  private final HostTransfer transfer;
  private final Precision precision;
  private final int length;
  private final int segmentLength;
  private final ClBuffer[] segments;
  private final String device;

  /**
   * Allocates {@code length} elements in buffers of at most {@code on}'s largest size, holding a
   * copy of {@code initial} (a whole array of that length), or zeros when it is null.
   */
  ClMemory(DeviceArrays on, Precision precision, int length, HostRange initial) {
    this.queue = on.queue();
    this.transfer = on.transfer();
    this.device = on.device();
    this.precision = precision;
    this.length = length;
    long maxBufferBytes = on.maxBufferBytes();
    this.segmentLength = (int) Math.min(Integer.MAX_VALUE, maxBufferBytes / precision.bytes());
    this.segments = new ClBuffer[(int) (((long) length + segmentLength - 1) / segmentLength)];
    try {
      for (int s = 0; s < segments.length; s++) {
        long bytes = segmentBytes(s);
        segments[s] = transfer.allocate(bytes);
        if (initial == null) {
          clEnqueueFillBuffer(
              queue, segment(s), Pointer.to(new byte[] {0}), 1, 0, bytes, 0, null, null);
        }
      }
      if (initial != null) {
        writeSegments(initial);
      }
      clFinish(queue); // a driver that allocates lazily fails here, not in a later op
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  Precision precision() {
    return precision;
  }

  int segments() {
    return segments.length;
  }

  cl_mem segment(int s) {
    return segments[s].mem();
  }

  /** The index in the whole array of segment {@code s}'s first element. */
  int segmentStart(int s) {
    return s * segmentLength;
  }

  /** The number of elements in segment {@code s}. */
  int segmentLength(int s) {
    return (int) Math.min(segmentLength, length - (long) s * segmentLength);
  }

  /** The size of segment {@code s} in bytes. */
  long segmentBytes(int s) {
    return (long) segmentLength(s) * precision.bytes();
  }

  @Override
  public void write(HostRange source) {
    Guard.guarded("writing a device array", device, () -> writeSegments(source));
  }

  private void writeSegments(HostRange source) {
    for (int s = 0; s < segments.length; s++) {
      transfer.write(queue, source.slice(s * segmentLength, segmentLength(s)), segment(s), 0);
    }
  }

  @Override
  public void read(HostRange target) {
    Guard.guarded("reading a device array", device, () -> readSegments(target));
  }

  private void readSegments(HostRange target) {
    for (int s = 0; s < segments.length; s++) {
      transfer.read(queue, segment(s), 0, target.slice(s * segmentLength, segmentLength(s)));
    }
  }

  /** Releases the buffers; commands still queued on them finish first. */
  @Override
  public void close() {
    for (ClBuffer b : segments) {
      if (b != null) {
        b.close();
      }
    }
  }
}
