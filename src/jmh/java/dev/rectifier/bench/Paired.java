package dev.rectifier.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A baseline and a path timed back to back in every benchmark call, the order swapped each call, so
 * that the two see the same state of this shared machine, whose memory bandwidth drifts by up to 2×
 * over minutes (one iteration of an otherwise steady 16 ms kernel took 9 ms). The nanoseconds each
 * spent in an iteration are its secondary results {@code baseline} and {@code path}; {@link
 * TargetRow} takes the median over iterations of their ratio.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class Paired {
  public long baseline;
  public long path;
  private boolean pathFirst;

  /** Work to time: a baseline or a path. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  @Setup(Level.Iteration)
  public void reset() {
    baseline = 0;
    path = 0;
  }

  void time(Work baselineWork, Work pathWork) throws Exception {
    if (pathFirst) {
      path += nanos(pathWork);
      baseline += nanos(baselineWork);
    } else {
      baseline += nanos(baselineWork);
      path += nanos(pathWork);
    }
    pathFirst = !pathFirst;
  }

  private static long nanos(Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return System.nanoTime() - start;
  }
}
