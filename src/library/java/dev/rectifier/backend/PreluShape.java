package dev.rectifier.backend;

/**
 * The shape of a PReLU call, {@code x} viewed as {@code [n][channels][inner]}, and the fixed
 * summation order of its weight gradient, which every backend follows. The order is stated in
 * {@code docs/contract.md} ("The weight gradient's order and accumulator"); this class computes its
 * parts: rows of {@link #width()} columns (the smallest multiple of {@code channels · inner} that
 * is at least {@link #MIN_WIDTH}), taken in blocks of {@link #BLOCK_ROWS}, and each column's
 * channel.
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
