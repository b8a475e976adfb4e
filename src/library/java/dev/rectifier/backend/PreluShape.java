package dev.rectifier.backend;

/**
 * The shape of a PReLU call, {@code x} viewed as {@code [n][channels][inner]}, and the fixed
 * summation order of its weight gradient, which every backend follows (the README's contract
 * section states it; this class computes it).
 *
 * <p>The order: {@code x} is viewed as rows of {@link #width()} elements, {@code width} being the
 * smallest multiple of {@code channels · inner} that is at least {@link #MIN_WIDTH} (so a row holds
 * {@code width / (channels · inner)} batch items). Element {@code i} lies in row {@code i / width},
 * column {@code p = i % width}, and its channel is {@code (p % (channels · inner)) / inner}. Rows
 * are taken in blocks of {@link #BLOCK_ROWS}. Then:
 *
 * <ol>
 *   <li>each column of a block sums its terms down the rows, in increasing row order, into a
 *       compensated pair {@code (s, e)} that starts at {@code (+0, +0)}: {@code (s, t) = TwoSum(s,
 *       term); e = e + t};
 *   <li>each channel's columns of a block, in increasing column order, are combined by the pairwise
 *       tree below into the block's pair;
 *   <li>each channel's block pairs, in increasing block order, are combined by the same tree;
 *   <li>{@code dweight[c] = s + e} when {@code s} is finite, else {@code s} (the plain sum, so that
 *       Inf and NaN follow IEEE addition).
 * </ol>
 *
 * <p>The tree over a list {@code a[0..m)}: for {@code h = 1, 2, 4, ...} while {@code h < m}, {@code
 * a[i] = a[i] ⊕ a[i + h]} for every {@code i} that is a multiple of {@code 2h} with {@code i + h <
 * m}; the result is {@code a[0]} ({@code (+0, +0)} for an empty list). {@code (s1, e1) ⊕ (s2, e2) =
 * (s, (e1 + e2) + t)} with {@code (s, t) = TwoSum(s1, s2)}. {@code TwoSum(a, b)} is Knuth's: {@code
 * s = a + b; bb = s − a; t = (a − (s − bb)) + (b − bb)}, every operation rounded to the element
 * precision, none fused.
 *
 * @param length the number of elements of {@code x}: {@code n · channels · inner}
 * @param channels the number of weights
 * @param inner the elements per channel and batch item (1 for channels-last)
 */
public record PreluShape(int length, int channels, int inner) {
  /** Rows per block of the weight gradient's sum. */
  public static final int BLOCK_ROWS = 256;

  /** The least number of columns of the weight gradient's rows. */
  public static final int MIN_WIDTH = 1024;

  /**
   * Checks the shape: {@code channels} (the weight's length) at least 1, {@code inner} at least 1,
   * and {@code length} a multiple of {@code channels · inner}, computed in long.
   *
   * @throws IllegalArgumentException naming the argument otherwise
   */
  public PreluShape {
    if (channels == 0) {
      throw new IllegalArgumentException("weight must not be empty: it holds one slope a channel");
    }
    if (inner <= 0) {
      throw new IllegalArgumentException("inner must be positive, was " + inner);
    }
    long rowWidth = (long) channels * inner;
    if (length % rowWidth != 0) {
      throw new IllegalArgumentException(
          String.format(
              "x.length %d is not a multiple of weight.length %d × inner %d = %d",
              length, channels, inner, rowWidth));
    }
  }

  /** {@code channels · inner}: the elements of one batch item. */
  public long itemLength() {
    return (long) channels * inner;
  }

  /** The columns of the weight gradient's rows; only for a non-empty shape. */
  public int width() {
    long item = itemLength(); // at most length
    return Math.toIntExact((MIN_WIDTH + item - 1) / item * item);
  }

  /** The rows of the weight gradient's view, the last one possibly partial. */
  public int rows() {
    return length == 0 ? 0 : (int) (((long) length + width() - 1) / width());
  }

  /** The blocks of {@link #BLOCK_ROWS} rows. */
  public int blocks() {
    return (rows() + BLOCK_ROWS - 1) / BLOCK_ROWS;
  }

  /** The columns of one channel in a row: {@code width / channels}. */
  public int lanes() {
    return width() / channels;
  }

  /** The column of a channel's lane {@code l}, lanes in increasing column order. */
  public int column(int channel, int lane) {
    return (lane / inner) * (int) itemLength() + channel * inner + lane % inner;
  }

  /** The number of partial sums of the first pass: a pair for each block and column. */
  public int partials() {
    return length == 0 ? 0 : Math.toIntExact((long) blocks() * width());
  }
}
