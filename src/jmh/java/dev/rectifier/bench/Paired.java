package dev.rectifier.bench;

import dev.rectifier.measure.HostBaselines;
import java.util.List;
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
 * TargetRow} takes the median over iterations of their ratio. A host baseline is timed on each of
 * its thread counts in every call, and the fastest over the iteration is the one taken.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class Paired {
  public long baseline;
  public long path;

  /** The calls timed in the iteration, for figures per call. */
  public long calls;

  /**
   * The thread count of the host baseline that {@code baseline} is, the fastest of its {@link
   * HostBaselines} candidates over the iteration; 0 for a baseline without one (a device copy).
   */
  public long baselineThreads;

  private long[] spent = new long[0];
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
    calls = 0;
    baselineThreads = 0;
    spent = new long[0];
  }

  void time(Work baselineWork, Work pathWork) throws Exception {
    time(List.of(baselineWork), new int[] {0}, pathWork);
  }

  /**
   * Times every one of {@code baselines} and {@code pathWork}; {@code baseline} is then the
   * nanoseconds of the candidate that has spent the least in this iteration so far.
   */
  void time(List<HostBaselines.Candidate> baselines, Work pathWork) throws Exception {
    List<Work> works = baselines.stream().map(c -> (Work) c.call()::run).toList();
    time(works, baselines.stream().mapToInt(HostBaselines.Candidate::threads).toArray(), pathWork);
  }

  private void time(List<Work> baselines, int[] threads, Work pathWork) throws Exception {
    if (spent.length != baselines.size()) {
      spent = new long[baselines.size()];
    }
    if (pathFirst) {
      path += nanos(pathWork);
    }
    for (int i = 0; i < spent.length; i++) {
      spent[i] += nanos(baselines.get(i));
    }
    if (!pathFirst) {
      path += nanos(pathWork);
    }
    pathFirst = !pathFirst;
    calls++;
    int best = 0;
    for (int i = 1; i < spent.length; i++) {
      if (spent[i] < spent[best]) {
        best = i;
      }
    }
    baseline = spent[best];
    baselineThreads = threads[best];
  }

  private static long nanos(Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return System.nanoTime() - start;
  }
}
