package dev.rectifier.opencl;

import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.clEnqueueCopyBuffer;
import static org.jocl.CL.clEnqueueMarkerWithWaitList;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetEventProfilingInfo;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clWaitForEvents;

import dev.rectifier.Op;
import dev.rectifier.Precision;
import dev.rectifier.backend.DeviceMemory;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.Names;
import dev.rectifier.backend.PreluMemories;
import dev.rectifier.backend.PreluShape;
import dev.rectifier.opencl.jocl.Jocl;
import dev.rectifier.opencl.transfer.HostTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_event;
import org.jocl.cl_mem;

/**
 * Arrays that stay on the device ({@link ClMemory}, in segments of at most the largest buffer) and
 * the ops on them, on one in-order queue: each op is enqueued on every segment and returns, counted
 * by {@link #pending}, which holds an event every few ops until {@link #finish}; {@link
 * #timeKernel} and {@link #timeCopy} wait, and add up the segments' times by the device's own
 * clock. The queue, transfer and programs belong to the caller. Thread-safe.
 *
 * @param queue the queue every device-array op runs on, in order
 * @param transfer what allocates the segments and copies Java arrays into and out of them
 * @param programs the kernels, by precision
 * @param maxBufferBytes the largest segment
 * @param device the device's name, for error messages
 * @param pending the commands enqueued whose outcome is not yet known
 */
record DeviceArrays(
    cl_command_queue queue,
    HostTransfer transfer,
    Map<Precision, ActivationProgram> programs,
    long maxBufferBytes,
    String device,
    PendingCommands pending) {

  /** Device arrays on {@code queue}, with nothing pending. */
  DeviceArrays(
      cl_command_queue queue,
      HostTransfer transfer,
      Map<Precision, ActivationProgram> programs,
      long maxBufferBytes,
      String device) {
    this(queue, transfer, programs, maxBufferBytes, device, new PendingCommands(device));
  }

  /** New device memory holding {@code initial} (of that precision and length), or zeros if null. */
  ClMemory allocate(Precision precision, int length, HostRange initial) {
    return guarded(
        "allocating " + length + " " + Names.cType(precision) + "s",
        () -> ClMemory.allocate(this, precision, length, initial));
  }

  /**
   * The first {@code length} elements of the user's {@code buffer}, which this retains; {@code
   * facts} tell where it lies and what its flags forbid.
   */
  ClMemory wrap(cl_mem buffer, UserHandles.Wrapped facts, Precision precision, int length) {
    return guarded(
        "wrapping " + buffer, () -> ClMemory.wrap(this, buffer, facts, precision, length));
  }

  /** Enqueues {@code op} on every segment; {@link #finish} tells how it went. */
  void run(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    guarded(op.toString(), () -> enqueue(op, x, dy, out, alpha, false));
  }

  /**
   * Waits for the queue, then reads the outcome of the ops enqueued since the last finish.
   *
   * @throws dev.rectifier.RectifierException naming the range of ops that failed
   */
  void finish() {
    guarded(
        "finishing the queue",
        () -> {
          pending.endBatch(this::marker);
          Jocl.call(() -> clFinish(queue));
        });
    pending.check();
  }

  /** A marker after every command enqueued so far, with an event if {@code withEvent}. */
  private cl_event marker(boolean withEvent) {
    cl_event event = withEvent ? new cl_event() : null;
    Jocl.call(() -> clEnqueueMarkerWithWaitList(queue, 0, null, event));
    return event;
  }

  /** As {@link #run}, and returns the kernels' time in nanoseconds. */
  long timeKernel(Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha) {
    return guarded(op.toString(), () -> enqueue(op, x, dy, out, alpha, true));
  }

  /** Copies {@code source} into {@code target} and returns the copies' time in nanoseconds. */
  long timeCopy(DeviceMemory source, DeviceMemory target) {
    ClMemory from = (ClMemory) source;
    ClMemory to = (ClMemory) target;
    return guarded(
        "copy",
        () ->
            timed(
                from.segments(),
                (s, event) ->
                    Jocl.call(
                        () ->
                            clEnqueueCopyBuffer(
                                queue,
                                from.segment(s),
                                to.segment(s),
                                0,
                                0,
                                from.segmentBytes(s),
                                0,
                                null,
                                event))));
  }

  /**
   * PReLU or its gradient on device memory of one precision, checked by the caller: the first pass
   * on every segment in order, then the second, enqueued like an op; if {@code timed}, waits and
   * returns the kernels' time. An empty {@code x} only zeroes {@code dweight}. {@code weight} and
   * {@code dweight} must each fit in one buffer.
   */
  long prelu(PreluMemories m, boolean timed) {
    PreluShape shape = m.shape();
    DeviceMemory dy = m.dy();
    ClMemory in = (ClMemory) m.x();
    ClMemory w = single((ClMemory) m.weight(), "weight");
    ClMemory dw = m.dweight() == null ? null : single((ClMemory) m.dweight(), "dweight");
    if (shape.length() == 0) {
      if (dw != null) {
        int channels = shape.channels();
        dw.write(
            dw.precision() == Precision.DOUBLE
                ? HostRange.of(new double[channels])
                : HostRange.of(new float[channels]),
            0);
      }
      return 0;
    }
    return guarded(
        dy == null ? "PRELU" : "PRELU_GRAD",
        () -> {
          PreluPasses passes = dy == null ? null : passes(in.precision(), shape, dw);
          try {
            ActivationProgram program = programs.get(in.precision());
            ClMemory target = (ClMemory) m.out();
            int segments = in.segments();
            int commands = segments;
            Segment kernel;
            if (dy == null) {
              kernel =
                  (s, event) ->
                      program.enqueuePrelu(
                          queue,
                          in.segment(s),
                          target.segment(s),
                          w.segment(0),
                          in.segmentLength(s),
                          in.segmentStart(s),
                          shape,
                          event);
            } else {
              ClMemory gradient = (ClMemory) dy;
              List<PreluPasses.Command> gradientCommands = new ArrayList<>();
              for (PreluPasses.Part part : passes.parts()) {
                // The first pass over the part's columns on every segment, in order.
                for (int s = 0; s < segments; s++) {
                  int segment = s;
                  gradientCommands.add(
                      event ->
                          program.enqueuePreluGrad(
                              queue,
                              in.segment(segment),
                              gradient.segment(segment),
                              target.segment(segment),
                              w.segment(0),
                              passes.sums(),
                              passes.errors(),
                              in.segmentLength(segment),
                              in.segmentStart(segment),
                              shape,
                              part.firstColumn(),
                              part.columns(),
                              event));
                }
                gradientCommands.addAll(part.combine());
              }
              kernel = (s, event) -> gradientCommands.get(s).enqueue(event);
              commands = gradientCommands.size();
            }
            Supplier<String> what =
                () ->
                    dy == null
                        ? "PRELU(x = " + in + ", y = " + target + ", weight = " + w + ")"
                        : "PRELU_GRAD(x = "
                            + in
                            + ", dy = "
                            + dy
                            + ", dx = "
                            + target
                            + ", weight = "
                            + w
                            + ", dweight = "
                            + dw
                            + ")";
            return commands(commands, kernel, timed, what);
          } finally {
            if (passes != null) {
              passes.close();
            }
          }
        });
  }

  /**
   * The PReLU gradient's weight gradient into {@code dweight} for arrays that are not on the
   * device: for each part of its passes in order, {@code firstPass} runs the part's first pass over
   * all of x and returns when it is done, then the part's combining commands run on this queue,
   * waited for. With an empty shape, it does nothing.
   */
  void preluGrad(
      Precision precision,
      PreluShape shape,
      ClMemory dweight,
      BiConsumer<PreluPasses, PreluPasses.Part> firstPass) {
    if (shape.length() == 0) {
      return;
    }
    Supplier<String> what = () -> "PRELU_GRAD's weight gradient (dweight = " + dweight + ")";
    guarded(
        "PRELU_GRAD",
        () -> {
          try (PreluPasses passes = passes(precision, shape, single(dweight, "dweight"))) {
            for (PreluPasses.Part part : passes.parts()) {
              firstPass.accept(passes, part);
              List<PreluPasses.Command> combine = part.combine();
              enqueue(combine.size(), (s, event) -> combine.get(s).enqueue(event), what);
              finish();
            }
          }
        });
  }

  private PreluPasses passes(Precision precision, PreluShape shape, ClMemory dweight) {
    return PreluPasses.of(
        queue, transfer, programs.get(precision), precision, shape, dweight.segment(0), device);
  }

  /**
   * Enqueues the conversion of {@code source} into {@code target} by {@code program} (of their
   * 16-bit precision), like an op, where each is one buffer; returns false, having done nothing,
   * where either is split into segments, whose bounds differ between the two sizes of element.
   */
  boolean convert(DeviceMemory source, DeviceMemory target, ActivationProgram program) {
    ClMemory from = (ClMemory) source;
    ClMemory to = (ClMemory) target;
    if (from.segments() != 1 || to.segments() != 1) {
      return false;
    }
    boolean round = !from.precision().sixteenBit();
    ClMemory floats = round ? from : to;
    ClMemory bits = round ? to : from;
    guarded(
        "convert",
        () ->
            enqueue(
                1,
                (s, event) ->
                    program.enqueueConvert(
                        queue, round, floats.segment(0), bits.segment(0), from.length(), event),
                () -> "convert(source = " + from + ", target = " + to + ")"));
    return true;
  }

  /** {@code memory}, if it is one buffer. */
  static ClMemory single(ClMemory memory, String name) {
    if (memory.segments() > 1) {
      throw new IllegalArgumentException(
          name + " is larger than the device's largest buffer, which PReLU does not split");
    }
    return memory;
  }

  /**
   * Enqueues {@code op} on every segment; if {@code timed}, waits and returns the kernels' time.
   */
  private long enqueue(
      Op op, DeviceMemory x, DeviceMemory dy, DeviceMemory out, double alpha, boolean timed) {
    ClMemory in = (ClMemory) x;
    ClMemory gradient = (ClMemory) dy;
    ClMemory target = (ClMemory) out;
    ActivationProgram program = programs.get(in.precision());
    Segment kernel =
        (s, event) ->
            program.enqueue(
                queue,
                op,
                in.segment(s),
                gradient == null ? null : gradient.segment(s),
                target.segment(s),
                in.segmentLength(s),
                alpha,
                event);
    return commands(in.segments(), kernel, timed, () -> describe(op, in, gradient, target));
  }

  /**
   * Enqueues {@code command} on {@code count} segments in order; if {@code timed}, waits and
   * returns their time, else enqueues them as one op of {@link #pending}, described by {@code what}
   * should it fail, and returns 0.
   */
  private long commands(int count, Segment command, boolean timed, Supplier<String> what) {
    if (timed) {
      return timed(count, command);
    }
    enqueue(count, command, what);
    return 0;
  }

  /**
   * Enqueues {@code command} on {@code count} segments in order, as one op of {@link #pending}
   * described by {@code what} (called only should it fail).
   */
  void enqueue(int count, Segment command, Supplier<String> what) {
    pending.enqueue(
        what,
        withEvent -> {
          cl_event event = null;
          for (int s = 0; s < count; s++) {
            event = withEvent && s == count - 1 ? new cl_event() : null;
            command.enqueue(s, event);
          }
          return event;
        });
  }

  /** Enqueues one command on segment {@code s}, giving it {@code event} (or none, if null). */
  @FunctionalInterface
  interface Segment {
    void enqueue(int s, cl_event event);
  }

  /**
   * Enqueues {@code command} on each of {@code segments} with an event, waits, and returns the sum
   * of their device times; every event made is released, whatever fails.
   */
  private static long timed(int segments, Segment command) {
    List<cl_event> made = new ArrayList<>(segments);
    try {
      for (int s = 0; s < segments; s++) {
        cl_event event = new cl_event();
        command.enqueue(s, event);
        made.add(event);
      }
      if (made.isEmpty()) {
        return 0;
      }
      cl_event[] events = made.toArray(new cl_event[0]);
      Jocl.call(() -> clWaitForEvents(events.length, events));
      long total = 0;
      long[] start = new long[1];
      long[] end = new long[1];
      for (cl_event e : events) {
        Jocl.call(
            () ->
                clGetEventProfilingInfo(
                    e, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null));
        Jocl.call(
            () ->
                clGetEventProfilingInfo(
                    e, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null));
        total += end[0] - start[0];
      }
      return total;
    } finally {
      made.forEach(e -> Jocl.call(() -> clReleaseEvent(e)));
    }
  }

  /** E.g. {@code LEAKY_RELU(x = float[1000] in cl_mem[0x..], y = ...)}. */
  private static String describe(Op op, ClMemory x, ClMemory dy, ClMemory out) {
    return op
        + "(x = "
        + x
        + (dy == null ? "" : ", dy = " + dy)
        + ", "
        + Names.output(op)
        + " = "
        + out
        + ")";
  }

  <T> T guarded(String what, Supplier<T> work) {
    return Guard.guarded(what, device, work);
  }

  void guarded(String what, Runnable work) {
    Guard.guarded(what, device, work);
  }
}
