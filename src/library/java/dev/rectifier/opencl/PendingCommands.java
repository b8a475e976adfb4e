package dev.rectifier.opencl;

import static org.jocl.CL.CL_COMPLETE;
import static org.jocl.CL.CL_EVENT_COMMAND_EXECUTION_STATUS;
import static org.jocl.CL.clGetEventInfo;
import static org.jocl.CL.clReleaseEvent;

import dev.rectifier.RectifierException;
import dev.rectifier.opencl.jocl.Jocl;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_event;

/**
 * The commands enqueued on one queue whose outcome nobody has seen yet, each with its event and
 * what it was. A driver's {@code clFinish} may return success although a command failed, so the
 * outcome is read from each command's event status. Commands that completed are swept out as more
 * are added, so a long chain never calling {@link #check} holds few events. Thread-safe.
 */
final class PendingCommands {
  /** Commands held before the completed ones are swept out. */
  private static final int SWEEP_AT = 1024;

  private record Command(cl_event event, String what) {}

  private final String device;
  private List<Command> commands = new ArrayList<>();
  private int sweepAt = SWEEP_AT;

  /** Commands on {@code device}, named in errors. */
  PendingCommands(String device) {
    this.device = device;
  }

  /** Holds {@code event}, of the command described by {@code what}, until {@link #check}. */
  synchronized void add(cl_event event, String what) {
    commands.add(new Command(event, what));
    if (commands.size() >= sweepAt) {
      commands.removeIf(PendingCommands::releasedIfComplete);
      sweepAt = Math.max(SWEEP_AT, 2 * commands.size());
    }
  }

  /**
   * Releases every command held so far; call once the queue has finished them.
   *
   * @throws RectifierException naming the commands that failed, and how
   */
  void check() {
    List<Command> done;
    synchronized (this) {
      done = commands;
      commands = new ArrayList<>();
      sweepAt = SWEEP_AT;
    }
    List<String> failed = new ArrayList<>();
    for (Command c : done) {
      int status = status(c.event());
      Jocl.call(() -> clReleaseEvent(c.event()));
      if (status < 0) {
        failed.add(c.what() + " (" + CL.stringFor_errorCode(status) + ")");
      }
    }
    if (!failed.isEmpty()) {
      throw new RectifierException(
          failed.size()
              + " command(s) failed on OpenCL device "
              + device
              + ", the first: "
              + failed.get(0)
              + (failed.size() > 1 ? "; the last: " + failed.get(failed.size() - 1) : ""));
    }
  }

  private static boolean releasedIfComplete(Command c) {
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
