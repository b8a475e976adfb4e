package dev.rectifier.opencl;

import static org.jocl.CL.CL_COMPLETE;
import static org.jocl.CL.CL_EVENT_COMMAND_EXECUTION_STATUS;
import static org.jocl.CL.clGetEventInfo;
import static org.jocl.CL.clReleaseEvent;

import dev.rectifier.RectifierException;
import dev.rectifier.opencl.jocl.Jocl;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;

/**
 * The ops enqueued on one in-order queue whose outcome nobody has seen yet. Ops are numbered from 1
 * after each {@link #endBatch}; one op in every {@link #EVERY} carries an event on its last command
 * (a checkpoint), and {@link #endBatch} adds one for the ops after the last checkpoint. A
 * checkpoint's status stands for the ops since the one before: it shows the failure of its own op,
 * or of an earlier one where the driver passes it on to the commands after it. The queue orders the
 * commands without events; an event made for every command was most of the cost of a chained small
 * op (docs/performance.md, "Launch cost"). A driver's {@code clFinish} may return success although
 * a command failed, so the outcome is read from the checkpoints' status. Checkpoints that completed
 * are swept out as more are added, so a long chain never calling {@link #check} holds few events.
 * Thread-safe: ops are numbered in the order they are enqueued.
 */
final class PendingCommands {
  /** Ops a checkpoint covers at most: few enough to name, many enough to cost little. */
  static final int EVERY = 64;

  /** Checkpoints held before the completed ones are swept out. */
  private static final int SWEEP_AT = 1024;

  /**
   * One op's commands, in order: given {@code withEvent}, the last carries the event it returns.
   */
  @FunctionalInterface
  interface Op {
    /** Enqueues the commands; returns the last one's event if {@code withEvent}, else null. */
    cl_event enqueue(boolean withEvent);
  }

  /**
   * An event standing for ops {@code first..last} of a batch, described by their first and last.
   */
  private record Checkpoint(
      cl_event event, long first, long last, Supplier<String> firstOp, Supplier<String> lastOp) {}

  private final String device;
  private final int every;
  private List<Checkpoint> held = new ArrayList<>();
  private int sweepAt = SWEEP_AT;

  /** Ops enqueued in this batch. */
  private long ops;

  /** The first op that no checkpoint covers yet, and it and the last op, described. */
  private long uncovered = 1;

  private Supplier<String> firstUncovered;
  private Supplier<String> lastOp;

  /** Ops on {@code device}, named in errors, with a checkpoint every {@link #EVERY} ops. */
  PendingCommands(String device) {
    this(device, EVERY);
  }

  /** Ops on {@code device}, named in errors, with a checkpoint every {@code every} ops. */
  PendingCommands(String device, int every) {
    if (every < 1) {
      throw new IllegalArgumentException("every must be at least 1, not " + every);
    }
    this.device = device;
    this.every = every;
  }

  /**
   * Enqueues {@code op}, described by {@code what} (called only to report a failure), as the next
   * op of the batch, with an event if it is a checkpoint. What it throws reaches the caller; the op
   * still counts, since some of its commands may have been enqueued.
   */
  synchronized void enqueue(Supplier<String> what, Op op) {
    long n = ++ops;
    if (n == uncovered) {
      firstUncovered = what;
    }
    lastOp = what;
    cl_event event = op.enqueue(n - uncovered + 1 >= every);
    if (event != null) {
      hold(new Checkpoint(event, uncovered, n, firstUncovered, what));
      uncovered = n + 1;
      firstUncovered = null;
    }
  }

  /**
   * Ends the batch: if ops came after the last checkpoint, {@code marker} (a command after them
   * all, such as {@code clEnqueueMarkerWithWaitList}) is enqueued with an event that stands for
   * them. The next op is op 1 of a new batch.
   */
  synchronized void endBatch(Op marker) {
    if (uncovered <= ops) {
      hold(new Checkpoint(marker.enqueue(true), uncovered, ops, firstUncovered, lastOp));
    }
    ops = 0;
    uncovered = 1;
    firstUncovered = null;
    lastOp = null;
  }

  private void hold(Checkpoint c) {
    held.add(c);
    if (held.size() >= sweepAt) {
      held.removeIf(PendingCommands::releasedIfComplete);
      sweepAt = Math.max(SWEEP_AT, 2 * held.size());
    }
  }

  /**
   * Releases every checkpoint that has completed or failed (call once the queue has finished what
   * it waits for); one still running, of an op another thread enqueued meanwhile, stays for the
   * next check.
   *
   * @throws RectifierException naming the first range of ops that failed, and how
   */
  void check() {
    List<Checkpoint> done;
    synchronized (this) {
      done = held;
      held = new ArrayList<>();
      sweepAt = SWEEP_AT;
    }
    List<Checkpoint> running = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Checkpoint c : done) {
      int status = status(c.event());
      if (status > CL_COMPLETE) {
        running.add(c);
        continue;
      }
      Jocl.call(() -> clReleaseEvent(c.event()));
      if (status < 0) {
        failed.add(describe(c, status));
      }
    }
    if (!running.isEmpty()) {
      synchronized (this) {
        held.addAll(0, running);
      }
    }
    if (!failed.isEmpty()) {
      throw new RectifierException(
          failed.get(0)
              + (failed.size() > 1
                  ? "; "
                      + (failed.size() - 1)
                      + " later range(s) failed too, the last: "
                      + failed.get(failed.size() - 1)
                  : ""));
    }
  }

  /**
   * E.g. {@code one of ops 65..128 since the last finish failed on OpenCL device D
   * (CL_OUT_OF_RESOURCES): the first LEAKY_RELU(...), the last RELU(...)}.
   */
  private String describe(Checkpoint c, int status) {
    String how = " failed on OpenCL device " + device + " (" + CL.stringFor_errorCode(status) + ")";
    if (c.first() == c.last()) {
      return "op " + c.first() + " since the last finish" + how + ": " + c.lastOp().get();
    }
    return "one of ops "
        + c.first()
        + ".."
        + c.last()
        + " since the last finish"
        + how
        + ": the first "
        + c.firstOp().get()
        + ", the last "
        + c.lastOp().get();
  }

  private static boolean releasedIfComplete(Checkpoint c) {
    if (status(c.event()) != CL_COMPLETE) {
      return false;
    }
    Jocl.call(() -> clReleaseEvent(c.event()));
    return true;
  }

  private static int status(cl_event event) {
    int[] status = new int[1];
    Jocl.call(
        () ->
            clGetEventInfo(
                event, CL_EVENT_COMMAND_EXECUTION_STATUS, Sizeof.cl_int, Pointer.to(status), null));
    return status[0];
  }
}
