package dev.rectifier.opencl;

import dev.rectifier.Precision;
import dev.rectifier.backend.PreluShape;
import dev.rectifier.backend.PreluStrips;
import dev.rectifier.opencl.transfer.ClBuffer;
import dev.rectifier.opencl.transfer.HostTransfer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.jocl.cl_command_queue;
import org.jocl.cl_event;
import org.jocl.cl_mem;

/**
 * The PReLU gradient's weight gradient on one device, in the contract's order, for device arrays
 * and Java arrays alike: its scratch, and its parts in order, each a first pass over some columns
 * (every column, or a strip of them: {@link PreluStrips}) that the caller runs over all of x in
 * order ({@link ActivationProgram#enqueuePreluGrad} into {@link #sums} and {@link #errors}), then
 * the commands that combine the part's pairs. Closing releases the scratch; commands still queued
 * on it finish first.
 */
final class PreluPasses implements AutoCloseable {
  private static final Logger LOG = System.getLogger("dev.rectifier");

  /** One command, given its event (or none, if null). */
  @FunctionalInterface
  interface Command {
    void enqueue(cl_event event);
  }

  /**
   * The first pass's columns {@code [firstColumn, firstColumn + columns)}, and the commands that
   * then combine their pairs.
   */
  record Part(int firstColumn, int columns, List<Command> combine) {}

  private final List<ClBuffer> scratch = new ArrayList<>(4);
  private final List<Part> parts = new ArrayList<>();
  private cl_mem sums;
  private cl_mem errors;

  private PreluPasses() {}

  /**
   * The passes of a non-empty {@code shape} of {@code precision} elements on {@code device} (its
   * name, for the log): scratch from {@code transfer}, the combining commands on {@code queue} by
   * {@code program}, into {@code dweight}.
   */
  static PreluPasses of(
      cl_command_queue queue,
      HostTransfer transfer,
      ActivationProgram program,
      Precision precision,
      PreluShape shape,
      cl_mem dweight,
      String device) {
    Precision p = ActivationProgram.arithmetic(precision); // the sums'
    LOG.log(
        Level.DEBUG,
        "rectifier: PRELU_GRAD of {0} on OpenCL device {1}: {2} bytes of scratch",
        shape,
        device,
        Long.toString(PreluStrips.deviceBytes(shape, p)));
    PreluPasses passes = new PreluPasses();
    try {
      passes.plan(queue, transfer, program, p, shape, dweight);
    } catch (RuntimeException e) {
      passes.close();
      throw e;
    }
    return passes;
  }

  private void plan(
      cl_command_queue queue,
      HostTransfer transfer,
      ActivationProgram program,
      Precision p,
      PreluShape shape,
      cl_mem dweight) {
    boolean strips = PreluStrips.inStrips(shape, p);
    int pairs = strips ? PreluStrips.stripColumns(shape) : shape.partials();
    int nodes = strips ? PreluStrips.nodeCount(shape) : 0;
    ClBuffer s1 = allocate(transfer, (long) pairs * p.bytes());
    ClBuffer e1 = allocate(transfer, (long) pairs * p.bytes());
    ClBuffer s2 = nodes == 0 ? s1 : allocate(transfer, (long) nodes * p.bytes());
    ClBuffer e2 = nodes == 0 ? e1 : allocate(transfer, (long) nodes * p.bytes());
    sums = s1.mem();
    errors = e1.mem();
    if (!strips) {
      parts.add(
          new Part(
              0,
              shape.width(),
              List.of(
                  event -> program.enqueueWeightGrad(queue, sums, errors, dweight, shape, event))));
      return;
    }
    for (PreluStrips.Strip strip : PreluStrips.strips(shape)) {
      boolean direct = strip.nodes() == 1;
      List<Command> combine = new ArrayList<>(2);
      combine.add(
          event ->
              program.enqueueRuns(
                  queue,
                  sums,
                  errors,
                  strip.span(),
                  PreluStrips.CHUNK,
                  strip.runs(),
                  strip.allRuns(),
                  s2.mem(),
                  e2.mem(),
                  dweight,
                  direct ? strip.channel() : strip.nodeAt(),
                  direct,
                  event));
      if (!direct && strip.finished() > 0) {
        combine.add(
            event ->
                program.enqueueRuns(
                    queue,
                    s2.mem(),
                    e2.mem(),
                    strip.nodes(),
                    strip.nodes(),
                    1,
                    strip.finished(),
                    s2.mem(),
                    e2.mem(),
                    dweight,
                    strip.channel(),
                    true,
                    event));
      }
      parts.add(new Part(strip.first(), strip.columns(), combine));
    }
  }

  private ClBuffer allocate(HostTransfer transfer, long bytes) {
    ClBuffer b = transfer.allocate(bytes);
    scratch.add(b);
    return b;
  }

  /** The first pass's sums, a pair's first half. */
  cl_mem sums() {
    return sums;
  }

  /** The first pass's rounding errors, a pair's second half. */
  cl_mem errors() {
    return errors;
  }

  /** The parts, in the order they run. */
  List<Part> parts() {
    return parts;
  }

  /** Releases the scratch. */
  @Override
  public void close() {
    scratch.forEach(ClBuffer::close);
  }
}
