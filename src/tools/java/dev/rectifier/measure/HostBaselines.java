package dev.rectifier.measure;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What memory-bound work on the host is measured against: the copy baseline (2 arrays: read 1,
 * write 1) and the 3-array bound, {@code out[i] = x[i] + dy[i]} (read 2, write 1), each on every
 * {@linkplain #threadCounts() thread count} from 1 to the CPU backend's. The CLI's bench and the
 * JMH speed report both take their ratios against the fastest thread count for the bytes in
 * question, measured in the same run and named in their output: a small copy is fastest on one
 * thread (a hand-off to another thread costs more than the copy), a large one on all, and a
 * baseline fixed at one count would misstate how close to the machine a row is at the other end.
 *
 * <p>The copy is the plain loop {@code target[i] = source[i]}, which C2 compiles to SIMD loads and
 * stores: chosen once by measurement over {@code System.arraycopy} and a {@code FloatVector}
 * load/store loop, and fixed here (choosing the best loop in every run would bias the baseline by
 * the noise; the thread count is chosen in every run because the best one depends on the size).
 *
 * <p>An instance holds the helper threads that run the other slices; close it to stop them.
 */
public final class HostBaselines implements AutoCloseable {
  /**
   * A baseline on one thread count, ready to time.
   *
   * @param threads how many threads share the work, the caller among them
   * @param call one run of the baseline over the whole arrays
   */
  public record Candidate(int threads, Runnable call) {}

  /**
   * The fastest of the candidates.
   *
   * @param threads its thread count
   * @param timing its times
   */
  public record Fastest(int threads, Timing timing) {
    /** What the copy baseline was, for the output, e.g. {@code host copy loop, 1 thread}. */
    public String copyDescription() {
      return "host copy loop, " + HostBaselines.threads(threads);
    }
  }

  /** A loop over {@code [from, to)}. */
  @FunctionalInterface
  private interface RangeLoop {
    void run(int from, int to);
  }

  private final List<Integer> threadCounts;
  private final ExecutorService helpers;

  /** Baselines on 1 up to {@link #backendThreads()} threads. */
  public HostBaselines() {
    this(backendThreads());
  }

  /**
   * Baselines on 1 up to {@code maxThreads} threads.
   *
   * @throws IllegalArgumentException if {@code maxThreads} is below 1
   */
  public HostBaselines(int maxThreads) {
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be 1 or more but was " + maxThreads);
    }
    threadCounts = threadCounts(maxThreads);
    helpers =
        Executors.newFixedThreadPool(
            Math.max(1, maxThreads - 1),
            r -> {
              Thread t = new Thread(r, "rectifier-measure-helper");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The threads the CPU backend splits a large request among: the common fork-join pool's workers
   * and the caller ({@code dev.rectifier.cpu.CpuBackend} counts them so, and its {@code describe()}
   * says how many).
   */
  public static int backendThreads() {
    return ForkJoinPool.getCommonPoolParallelism() + 1;
  }

  /** The thread counts each baseline runs on: {@link #threadCounts(int)} of the largest. */
  public List<Integer> threadCounts() {
    return threadCounts;
  }

  /** 1, 2, 4, and so on by doubling below {@code maxThreads}, then {@code maxThreads} itself. */
  public static List<Integer> threadCounts(int maxThreads) {
    List<Integer> counts = new ArrayList<>();
    for (int t = 1; t < maxThreads; t *= 2) {
      counts.add(t);
    }
    counts.add(maxThreads);
    return List.copyOf(counts);
  }

  /**
   * What the copy baseline is, for the output: {@code host copy loop on 1, 2, 4 threads, the
   * fastest} for those {@code counts}; {@code host copy loop on 1 thread} for one.
   */
  public static String describeCopies(List<Integer> counts) {
    String list = String.join(", ", counts.stream().map(String::valueOf).toList());
    return "host copy loop on "
        + (counts.size() == 1 ? threads(counts.get(0)) : list + " threads, the fastest");
  }

  /** {@code "1 thread"}, {@code "2 threads"}, ... */
  public static String threads(int count) {
    return count + (count == 1 ? " thread" : " threads");
  }

  /**
   * The copy of {@code source} into {@code target} ({@code float[]}, {@code double[]} or {@code
   * short[]} arrays of one type and length) on each thread count, in the order of {@link
   * #threadCounts()}.
   */
  public List<Candidate> copies(Object source, Object target) {
    return candidates(Array.getLength(source), copyLoop(source, target));
  }

  /**
   * {@code out[i] = x[i] + dy[i]} ({@code float[]}, {@code double[]} or {@code short[]} arrays, all
   * of one type and length) on each thread count, in the order of {@link #threadCounts()}.
   */
  public List<Candidate> threeArrayBounds(Object x, Object dy, Object out) {
    return candidates(Array.getLength(x), addLoop(x, dy, out));
  }

  /**
   * The fastest of {@code candidates} by median, timed by {@code timer}, which times each call of a
   * list and returns a {@link Timing} each, in the same order (e.g. {@link
   * Stopwatch#timeInterleaved}).
   */
  public static Fastest fastest(
      List<Candidate> candidates, Function<List<Runnable>, List<Timing>> timer) {
    List<Timing> timings = timer.apply(candidates.stream().map(Candidate::call).toList());
    int best = 0;
    for (int i = 1; i < timings.size(); i++) {
      if (timings.get(i).medianNs() < timings.get(best).medianNs()) {
        best = i;
      }
    }
    return new Fastest(candidates.get(best).threads(), timings.get(best));
  }

  private List<Candidate> candidates(int length, RangeLoop loop) {
    return threadCounts.stream().map(t -> new Candidate(t, () -> run(t, length, loop))).toList();
  }

  /**
   * Runs {@code loop} over {@code [0, n)} in {@code threads} slices: the first here, the others on
   * helper threads.
   */
  private void run(int threads, int n, RangeLoop loop) {
    List<Future<?>> others = new ArrayList<>();
    for (int s = 1; s < threads; s++) {
      int from = (int) ((long) n * s / threads);
      int to = (int) ((long) n * (s + 1) / threads);
      others.add(helpers.submit(() -> loop.run(from, to)));
    }
    loop.run(0, (int) ((long) n / threads));
    for (Future<?> f : others) {
      await(f);
    }
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a helper thread", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("a helper thread's slice failed", e.getCause());
    }
  }

  private static RangeLoop copyLoop(Object source, Object target) {
    if (source instanceof short[] a) {
      short[] b = (short[]) target;
      return (from, to) -> copy(a, b, from, to);
    }
    if (source instanceof double[] a) {
      double[] b = (double[]) target;
      return (from, to) -> copy(a, b, from, to);
    }
    float[] a = (float[]) source;
    float[] b = (float[]) target;
    return (from, to) -> copy(a, b, from, to);
  }

  private static RangeLoop addLoop(Object x, Object dy, Object out) {
    if (x instanceof short[] a) {
      short[] b = (short[]) dy;
      short[] c = (short[]) out;
      return (from, to) -> add(a, b, c, from, to);
    }
    if (x instanceof double[] a) {
      double[] b = (double[]) dy;
      double[] c = (double[]) out;
      return (from, to) -> add(a, b, c, from, to);
    }
    float[] a = (float[]) x;
    float[] b = (float[]) dy;
    float[] c = (float[]) out;
    return (from, to) -> add(a, b, c, from, to);
  }

  private static void copy(float[] a, float[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      b[i] = a[i];
    }
  }

  private static void copy(short[] a, short[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      b[i] = a[i];
    }
  }

  private static void copy(double[] a, double[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      b[i] = a[i];
    }
  }

  private static void add(float[] a, float[] b, float[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      c[i] = a[i] + b[i];
    }
  }

  /** 16-bit elements (HALF, BFLOAT16) as integers: the same bytes moved, in one vector loop. */
  private static void add(short[] a, short[] b, short[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      c[i] = (short) (a[i] + b[i]);
    }
  }

  private static void add(double[] a, double[] b, double[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      c[i] = a[i] + b[i];
    }
  }

  @Override
  public void close() {
    helpers.shutdownNow();
  }
}
