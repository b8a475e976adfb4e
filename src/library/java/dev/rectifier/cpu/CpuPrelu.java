package dev.rectifier.cpu;

import dev.rectifier.Precision;
import dev.rectifier.backend.CallThreads;
import dev.rectifier.backend.HostRange;
import dev.rectifier.backend.PreluRequest;
import dev.rectifier.backend.PreluShape;
import dev.rectifier.backend.PreluStrips;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * PReLU and its gradient on the CPU backend, on elements {@code E} ({@code float[]}, {@code
 * double[]}, or {@code short[]} of 16 bits) with weights and sums {@code A} ({@code float[]} or
 * {@code double[]}; {@code float[]} for 16-bit elements, whose loops widen and round rows as they
 * go).
 *
 * <p>{@code x} is taken as {@link PreluShape}'s rows, cut into units of one block of rows by one
 * tile of at most {@link #TILE} columns. A unit fills the weights of its columns once, runs the
 * loops down its rows, and (for the gradient) stores its columns' compensated pairs; units run on
 * the fork-join pool in any order, since each writes its own elements and pairs. The second pass
 * then combines each channel's pairs by the trees of the contract. Which thread does what, and how
 * many there are, never changes a bit. Where those pairs would take too much memory, the gradient
 * goes by {@link PreluStrips}: the same units over a strip's columns at a time, then its runs.
 *
 * @param array makes an array of the precision
 * @param weightRow fills the weights of a tile's columns
 * @param prelu the forward loop
 * @param preluGrad the gradient's loop
 * @param weightGradient the second pass for one channel
 * @param tree the contract's pairwise tree over a range of pairs
 * @param total a channel's weight gradient from its final pair
 */
record CpuPrelu<E, A>(
    IntFunction<A> array,
    WeightRow<A> weightRow,
    Prelu<E, A> prelu,
    PreluGrad<E, A> preluGrad,
    WeightGradient<A> weightGradient,
    Tree<A> tree,
    Total<A> total) {
  /** Columns per unit: their weights and pairs stay in the first-level cache. */
  static final int TILE = 1024;

  /** {@code FloatPreluSums.weightRow} and its twin. */
  @FunctionalInterface
  interface WeightRow<A> {
    void fill(A weight, PreluShape shape, int first, A row, int length);
  }

  /** {@link FloatKernels#prelu} and its twin. */
  @FunctionalInterface
  interface Prelu<E, A> {
    void run(E x, E y, A weights, int base, int stride, int rows, int length);
  }

  /** {@link FloatKernels#preluGrad} and its twin. */
  @FunctionalInterface
  interface PreluGrad<E, A> {
    void run(
        E x, E dy, E dx, A weights, A sums, A errors, int base, int stride, int rows, int length);
  }

  /** Writes channel {@code c}'s weight gradient from the first pass's pairs. */
  @FunctionalInterface
  interface WeightGradient<A> {
    void write(A sums, A errors, PreluShape shape, A dweight, int c);
  }

  /** {@code FloatPreluSums.tree} over pairs {@code [from, from + m)}, and its twin. */
  @FunctionalInterface
  interface Tree<A> {
    void combine(A sums, A errors, int from, int m);
  }

  /** Writes {@code dweight[c]} from the pair at {@code at}. */
  @FunctionalInterface
  interface Total<A> {
    void write(A sums, A errors, int at, A dweight, int c);
  }

  /** The loops of {@code k} on float arrays. */
  static CpuPrelu<float[], float[]> floats(FloatKernels k) {
    return floats(k::prelu, k::preluGrad);
  }

  /** The float PReLU of {@code k} on the elements of 16-bit loops {@code rows}. */
  static CpuPrelu<short[], float[]> sixteenBit(SixteenBitRows rows) {
    return floats(rows::prelu, rows::preluGrad);
  }

  /** The float sums and weight gradient, with the loops {@code prelu} and {@code preluGrad}. */
  private static <E> CpuPrelu<E, float[]> floats(
      Prelu<E, float[]> prelu, PreluGrad<E, float[]> preluGrad) {
    return new CpuPrelu<>(
        float[]::new,
        FloatPreluSums::weightRow,
        prelu,
        preluGrad,
        (sums, errors, shape, dweight, c) ->
            dweight[c] = FloatPreluSums.weightGradient(sums, errors, shape, c),
        FloatPreluSums::tree,
        (sums, errors, at, dweight, c) -> dweight[c] = FloatPreluSums.total(sums[at], errors[at]));
  }

  /** The loops of {@code k} on double arrays. */
  static CpuPrelu<double[], double[]> doubles(DoubleKernels k) {
    return new CpuPrelu<>(
        double[]::new,
        DoublePreluSums::weightRow,
        k::prelu,
        k::preluGrad,
        (sums, errors, shape, dweight, c) ->
            dweight[c] = DoublePreluSums.weightGradient(sums, errors, shape, c),
        DoublePreluSums::tree,
        (sums, errors, at, dweight, c) -> dweight[c] = DoublePreluSums.total(sums[at], errors[at]));
  }

  /** Per thread: a tile's weights, sums and errors. */
  private record Scratch<A>(A weights, A sums, A errors) {}

  /** Runs a checked request, its units on {@code threads}. */
  void run(PreluRequest r, CallThreads threads) {
    PreluShape shape = r.shape();
    int channels = shape.channels();
    E x = arrayOf(r.x());
    E dy = arrayOf(r.dy());
    E out = arrayOf(r.out());
    A weight = arrayOf(r.weight());
    A dweight = arrayOf(r.dweight());
    A zeros = array.apply(Math.max(TILE, channels));
    if (shape.length() == 0) {
      if (dweight != null) {
        System.arraycopy(zeros, 0, dweight, 0, channels);
      }
      return;
    }
    // 16-bit elements take float's choice: their sums are floats, as on the widened inputs.
    Precision sumsIn = r.precision().sixteenBit() ? Precision.FLOAT : r.precision();
    if (dy != null && PreluStrips.inStrips(shape, sumsIn)) {
      runInStrips(x, dy, out, weight, dweight, shape, threads);
      return;
    }
    int width = shape.width();
    int tiles = (width + TILE - 1) / TILE;
    A sums = dy == null ? null : array.apply(shape.partials());
    A errors = dy == null ? null : array.apply(shape.partials());
    ThreadLocal<Scratch<A>> scratch =
        ThreadLocal.withInitial(
            () -> new Scratch<>(array.apply(TILE), array.apply(TILE), array.apply(TILE)));
    IntConsumer unit =
        u -> {
          int block = u / tiles;
          int first = (u % tiles) * TILE;
          int columns = Math.min(TILE, width - first);
          Scratch<A> s = scratch.get();
          weightRow.fill(weight, shape, first, s.weights(), columns);
          if (dy != null) {
            System.arraycopy(zeros, 0, s.sums(), 0, columns);
            System.arraycopy(zeros, 0, s.errors(), 0, columns);
          }
          int from = block * PreluShape.BLOCK_ROWS;
          int to = Math.min(from + PreluShape.BLOCK_ROWS, shape.rows());
          // Every row is whole but perhaps the very last, which may end early.
          int whole = (long) to * width > shape.length() ? to - 1 : to;
          rows(x, dy, out, s, from * width + first, width, whole - from, columns);
          if (whole < to) {
            int start = whole * width + first;
            rows(x, dy, out, s, start, width, 1, Math.min(columns, shape.length() - start));
          }
          if (dy != null) {
            System.arraycopy(s.sums(), 0, sums, block * width + first, columns);
            System.arraycopy(s.errors(), 0, errors, block * width + first, columns);
          }
        };
    threads.forEach(shape.blocks() * tiles, unit);
    if (dweight != null) {
      threads.forEach(channels, c -> weightGradient.write(sums, errors, shape, dweight, c));
    }
  }

  /**
   * The gradient by {@link PreluStrips}, whose shapes have one block of whole rows: for each strip,
   * the units over its columns, which store their pairs in the strip's, then its runs.
   */
  private void runInStrips(
      E x, E dy, E out, A weight, A dweight, PreluShape shape, CallThreads threads) {
    int width = shape.width();
    int rows = shape.rows();
    int stripColumns = PreluStrips.stripColumns(shape);
    A sums = array.apply(stripColumns);
    A errors = array.apply(stripColumns);
    int nodeCount = PreluStrips.nodeCount(shape);
    A nodeSums = array.apply(nodeCount);
    A nodeErrors = array.apply(nodeCount);
    A zeros = array.apply(TILE);
    ThreadLocal<Scratch<A>> scratch =
        ThreadLocal.withInitial(
            () -> new Scratch<>(array.apply(TILE), array.apply(TILE), array.apply(TILE)));
    for (PreluStrips.Strip strip : PreluStrips.strips(shape)) {
      int end = strip.first() + strip.columns();
      IntConsumer unit =
          t -> {
            int first = strip.first() + t * TILE;
            int columns = Math.min(TILE, end - first);
            Scratch<A> s = scratch.get();
            weightRow.fill(weight, shape, first, s.weights(), columns);
            System.arraycopy(zeros, 0, s.sums(), 0, columns);
            System.arraycopy(zeros, 0, s.errors(), 0, columns);
            rows(x, dy, out, s, first, width, rows, columns);
            System.arraycopy(s.sums(), 0, sums, first - strip.first(), columns);
            System.arraycopy(s.errors(), 0, errors, first - strip.first(), columns);
          };
      threads.forEach((strip.columns() + TILE - 1) / TILE, unit);
      IntConsumer run =
          g -> {
            int from = g / strip.runs() * strip.span() + g % strip.runs() * PreluStrips.CHUNK;
            int m =
                Math.min(PreluStrips.CHUNK, strip.span() - g % strip.runs() * PreluStrips.CHUNK);
            tree.combine(sums, errors, from, m);
            if (strip.nodes() == 1) {
              total.write(sums, errors, from, dweight, strip.channel() + g);
            } else {
              System.arraycopy(sums, from, nodeSums, strip.nodeAt() + g, 1);
              System.arraycopy(errors, from, nodeErrors, strip.nodeAt() + g, 1);
            }
          };
      threads.forEach(strip.allRuns(), run);
      if (strip.nodes() > 1) {
        IntConsumer finish =
            f -> {
              tree.combine(nodeSums, nodeErrors, f * strip.nodes(), strip.nodes());
              total.write(nodeSums, nodeErrors, f * strip.nodes(), dweight, strip.channel() + f);
            };
        threads.forEach(strip.finished(), finish);
      }
    }
  }

  /** The array of {@code range}, or null. */
  @SuppressWarnings("unchecked") // a request's ranges are of E's precision, its weights of A's
  private <T> T arrayOf(HostRange range) {
    return range == null ? null : (T) range.array();
  }

  /** The loops on {@code rows} rows of {@code columns} elements (none if not positive). */
  private void rows(E x, E dy, E out, Scratch<A> s, int base, int stride, int rows, int columns) {
    if (rows <= 0 || columns <= 0) {
      return;
    }
    if (dy == null) {
      prelu.run(x, out, s.weights(), base, stride, rows, columns);
    } else {
      preluGrad.run(x, dy, out, s.weights(), s.sums(), s.errors(), base, stride, rows, columns);
    }
  }
}
