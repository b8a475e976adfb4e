package dev.rectifier.opencl;

import static org.jocl.CL.clEnqueueCopyBuffer;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clRetainMemObject;

import dev.rectifier.Precision;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.Footprint;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.Names;
import dev.rectifier.opencl.jocl.Jocl;
import dev.rectifier.opencl.transfer.ClBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * A {@link dev.rectifier.DeviceArray} on an OpenCL device: one buffer, or several segments when the
 * array is larger than the device's largest buffer ({@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}). The
 * segments come from the {@link DeviceArrays}' transfer, which copies into and out of them, or are
 * a buffer of the user's ({@link #wrap}). Closing releases this memory's references to them.
 */
final class ClMemory implements DeviceMemory {
  private final DeviceArrays on;
  private final Precision precision;
  private final int length;
  private final int segmentLength;
  private final ClBuffer[] segments;

  /** What the memory occupies and what a user's buffer forbids; set once the segments are. */
  private Footprint footprint = Footprint.PRIVATE;

  private ClMemory(
      DeviceArrays on, Precision precision, int length, int segmentLength, int segmentCount) {
    this.on = on;
    this.precision = precision;
    this.length = length;
    this.segmentLength = segmentLength;
    this.segments = new ClBuffer[segmentCount];
  }

  /**
   * {@code length} elements in buffers of at most {@code on}'s largest size, holding a copy of
   * {@code initial} (a whole array of that length), or zeros when it is null.
   */
  static ClMemory allocate(DeviceArrays on, Precision precision, int length, HostRange initial) {
    int segmentLength = (int) Math.min(Integer.MAX_VALUE, on.maxBufferBytes() / precision.bytes());
    int count = (int) (((long) length + segmentLength - 1) / segmentLength);
    ClMemory memory = new ClMemory(on, precision, length, segmentLength, count);
    try {
      for (int s = 0; s < count; s++) {
        long bytes = memory.segmentBytes(s);
        memory.segments[s] = on.transfer().allocate(bytes);
        if (initial == null) {
          cl_mem segment = memory.segment(s);
          Jocl.call(
              () ->
                  clEnqueueFillBuffer(
                      on.queue(), segment, Pointer.to(new byte[] {0}), 1, 0, bytes, 0, null, null));
        }
      }
      if (initial != null) {
        memory.write(initial, 0);
      }
      // a driver that allocates lazily fails here, not in a later op
      Jocl.call(() -> clFinish(on.queue()));
      List<Footprint.Region> regions = new ArrayList<>(count);
      for (int s = 0; s < count; s++) {
        regions.add(new Footprint.Region(memory.segment(s), 0, memory.segmentBytes(s)));
      }
      memory.footprint = new Footprint(regions, Set.of());
      return memory;
    } catch (RuntimeException e) {
      memory.close();
      throw e;
    }
  }

  /**
   * The first {@code length} elements of the user's {@code buffer}, which this retains, lying and
   * flagged as {@code facts} say.
   */
  static ClMemory wrap(
      DeviceArrays on, cl_mem buffer, UserHandles.Wrapped facts, Precision precision, int length) {
    ClMemory memory = new ClMemory(on, precision, length, Math.max(length, 1), length > 0 ? 1 : 0);
    List<Footprint.Region> regions = new ArrayList<>(1);
    if (length > 0) {
      Jocl.call(() -> clRetainMemObject(buffer));
      memory.segments[0] = ClBuffer.of(buffer);
      long start = facts.offset();
      regions.add(new Footprint.Region(facts.parent(), start, start + memory.segmentBytes(0)));
    }
    memory.footprint = new Footprint(regions, facts.flags());
    return memory;
  }

  Precision precision() {
    return precision;
  }

  @Override
  public Footprint footprint() {
    return footprint;
  }

  int length() {
    return length;
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
  public void write(HostRange source, int to) {
    on.guarded(
        "writing a device array",
        () ->
            forEachPart(
                to,
                source.length(),
                (s, inSegment, at, n) ->
                    on.transfer()
                        .write(on.queue(), source.slice(at, n), segment(s), bytes(inSegment))));
  }

  @Override
  public void read(int from, HostRange target) {
    on.guarded(
        "reading a device array",
        () ->
            forEachPart(
                from,
                target.length(),
                (s, inSegment, at, n) ->
                    on.transfer()
                        .read(on.queue(), segment(s), bytes(inSegment), target.slice(at, n))));
    on.finish();
  }

  @Override
  public void copyTo(int from, DeviceMemory target, int to, int length) {
    ClMemory into = (ClMemory) target;
    String what = "copying " + length + " elements of " + this + " into " + into;
    List<DeviceArrays.Segment> parts = new ArrayList<>();
    forEachPart(
        from,
        length,
        (s, inSegment, at, n) ->
            into.forEachPart(
                to + at,
                n,
                (t, inTarget, part, k) ->
                    parts.add(
                        (unused, event) ->
                            Jocl.call(
                                () ->
                                    clEnqueueCopyBuffer(
                                        on.queue(),
                                        segment(s),
                                        into.segment(t),
                                        bytes(inSegment + part),
                                        bytes(inTarget),
                                        bytes(k),
                                        0,
                                        null,
                                        event)))));
    on.guarded(
        what,
        () -> on.enqueue(parts.size(), (p, event) -> parts.get(p).enqueue(p, event), () -> what));
  }

  @Override
  public cl_mem clMem() {
    if (segments.length != 1) {
      throw new IllegalStateException(
          segments.length == 0
              ? "an empty DeviceArray has no OpenCL buffer"
              : "this DeviceArray of "
                  + length
                  + " elements spans "
                  + segments.length
                  + " OpenCL buffers (the device's largest buffer holds "
                  + segmentLength
                  + "), so it has no single cl_mem");
    }
    return segment(0);
  }

  /** Releases this memory's buffers; commands still queued on them finish first. */
  @Override
  public void close() {
    for (ClBuffer b : segments) {
      if (b != null) {
        b.close();
      }
    }
  }

  /** E.g. {@code float[1000] in cl_mem 0x7f3a...}, for error messages. */
  @Override
  public String toString() {
    String where =
        segments.length == 1 ? " in " + segment(0) : " in " + segments.length + " buffers";
    return Names.cType(precision) + "[" + length + "]" + where;
  }

  private long bytes(long elements) {
    return elements * precision.bytes();
  }

  /** One piece of a range of elements that lies in one segment. */
  @FunctionalInterface
  private interface Part {
    /**
     * Segment {@code s}, from element {@code inSegment} of it; {@code at} elements into the range;
     * {@code n} elements.
     */
    void accept(int s, int inSegment, int at, int n);
  }

  /** Splits elements {@code [from, from + n)} at segment borders. */
  private void forEachPart(int from, int n, Part action) {
    long end = (long) from + n;
    for (long i = from; i < end; ) {
      int s = (int) (i / segmentLength);
      int inSegment = (int) (i - (long) s * segmentLength);
      int k = (int) Math.min(end - i, segmentLength - inSegment);
      action.accept(s, inSegment, (int) (i - from), k);
      i += k;
    }
  }
}
