package dev.rectifier.opencl;

import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clSetKernelArg;

import dev.rectifier.opencl.jocl.Jocl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jocl.NativePointerObject;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The kernel objects of one kernel of a program, each remembering the arguments last set on it.
 * {@code clSetKernelArg} on one kernel object is not thread-safe, so a caller {@linkplain #borrow
 * borrows} one for the time it sets arguments and enqueues, then {@linkplain #giveBack gives it
 * back}. Arguments stay set between launches, so {@link Bound#set} calls {@code clSetKernelArg}
 * only for those that differ: each call is a JNI crossing and a native allocation, most of a small
 * op's cost on PoCL (docs/performance.md, "Launch cost"). {@link #borrow} prefers an idle object
 * already holding the caller's arguments, and makes a new one rather than reuse another's while
 * there are fewer than {@link #KEEP}, so that a chain alternating between a few arrays sets no
 * argument at all. Thread-safe.
 */
final class KernelObjects implements AutoCloseable {
  /** Objects kept with their own arguments: enough for the arrays of a few layers. */
  static final int KEEP = 8;

  private final cl_program program;
  private final String name;

  /** Idle objects, the one given back last at the end. */
  private final Deque<Bound> idle = new ArrayDeque<>();

  private final List<Bound> all = new ArrayList<>();

  /** The kernel {@code name} of {@code program}, with no object made yet. */
  KernelObjects(cl_program program, String name) {
    this.program = program;
    this.name = name;
  }

  /**
   * A kernel object and the arguments last set on it: each a {@link cl_mem} (compared by identity,
   * since the same object is the same live buffer), an {@code Integer} as {@code uint}, or a {@code
   * Float} or {@code Double} (compared by value, bit for bit).
   */
  static final class Bound {
    private final cl_kernel kernel;
    private Object[] args = new Object[0];

    private Bound(cl_kernel kernel) {
      this.kernel = kernel;
    }

    cl_kernel kernel() {
      return kernel;
    }

    /** Sets {@code args}, calling {@code clSetKernelArg} for each that differs from the last. */
    void set(Object[] args) {
      if (this.args.length != args.length) {
        this.args = new Object[args.length];
      }
      for (int i = 0; i < args.length; i++) {
        if (!same(this.args[i], args[i])) {
          set(i, args[i]);
          this.args[i] = args[i];
        }
      }
    }

    private boolean holds(Object[] args) {
      if (this.args.length != args.length) {
        return false;
      }
      for (int i = 0; i < args.length; i++) {
        if (!same(this.args[i], args[i])) {
          return false;
        }
      }
      return true;
    }

    private void set(int index, Object a) {
      if (a instanceof cl_mem m) {
        Jocl.call(() -> clSetKernelArg(kernel, index, Sizeof.cl_mem, Pointer.to(m)));
      } else if (a instanceof Integer v) {
        Jocl.call(() -> clSetKernelArg(kernel, index, Sizeof.cl_uint, Pointer.to(new int[] {v})));
      } else if (a instanceof Float v) {
        Jocl.call(
            () -> clSetKernelArg(kernel, index, Sizeof.cl_float, Pointer.to(new float[] {v})));
      } else if (a instanceof Double v) {
        Jocl.call(
            () -> clSetKernelArg(kernel, index, Sizeof.cl_double, Pointer.to(new double[] {v})));
      } else {
        throw new IllegalArgumentException("kernel argument " + index + " is a " + a);
      }
    }

    private static boolean same(Object held, Object a) {
      return held instanceof NativePointerObject ? held == a : held != null && held.equals(a);
    }
  }

  /**
   * An idle object holding {@code args} if there is one; else a new one while this has fewer than
   * {@link #KEEP} (or none is idle); else the idle one given back longest ago. The caller sets its
   * arguments ({@link Bound#set}), enqueues, and gives it back.
   *
   * @throws Jocl.Failure if a new object cannot be made
   */
  Bound borrow(Object[] args) {
    synchronized (this) {
      for (Bound b : idle) {
        if (b.holds(args)) {
          idle.remove(b);
          return b;
        }
      }
      if (all.size() >= KEEP && !idle.isEmpty()) {
        return idle.pollFirst();
      }
    }
    Bound made = new Bound(Jocl.make(s -> clCreateKernel(program, name, s)));
    synchronized (this) {
      all.add(made);
    }
    return made;
  }

  /** Makes {@code b}, which {@link #borrow} gave, idle again. */
  synchronized void giveBack(Bound b) {
    idle.addLast(b);
  }

  /** Releases every object this made. Call when none is borrowed. */
  @Override
  public synchronized void close() {
    idle.clear();
    all.forEach(b -> Jocl.call(() -> clReleaseKernel(b.kernel())));
    all.clear();
  }
}
