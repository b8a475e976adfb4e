package dev.rectifier.backend;

import dev.rectifier.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * The scratch of the PReLU gradient's weight gradient, bounded for every shape: the first pass's
 * pairs ({@link PreluShape#partials()}, two per column of each block) when they fit the bound, else
 * the same sums computed in strips of columns, in the same order, so with the same bits.
 *
 * <p>The pairs outgrow the bound only with one block (at most 256 rows) of very wide rows: a batch
 * of one or a few items of many elements. Then a row is one batch item, a channel's lanes are its
 * {@code inner} consecutive columns, and the strips go along the row: whole channels at a time when
 * a channel fits a strip, else {@link #STRIP} lanes of one channel at a time. Each strip's columns
 * are summed down the rows, then combined in runs: a channel's lanes in chunks of {@link #CHUNK},
 * each by the pairwise tree into a node, and a channel's nodes, once it has them all, by the tree
 * into its weight gradient. The contract's tree over a channel's lanes is that tree over the trees
 * of its chunks: below level {@code CHUNK}, a power of two, the tree never combines lanes of two
 * chunks.
 */
public final class PreluStrips {
  /** Lanes of a chunk, a power of two. */
  public static final int CHUNK = 1024;

  /** Columns of a strip, a multiple of {@link #CHUNK}: 8 MiB of float pairs. */
  public static final int STRIP = 1 << 20;

  /** The scratch allowed besides a part proportional to x: 64 MiB. */
  private static final long FIXED_BYTES = 64L << 20;

  private PreluStrips() {}

  /**
   * One strip: columns {@code [first, first + columns)} of the single block's rows, which hold
   * parts of {@code columns / span} channels from {@code channel} on, {@code span} lanes each. A
   * part's lanes are combined in {@code runs} runs of at most {@link #CHUNK} lanes (the last of a
   * part may be shorter); run {@code g} (counted over the strip) gives node {@code nodeAt + g}, or,
   * when a channel has only one node ({@code nodes == 1}), the weight gradient of channel {@code
   * channel + g} directly. The strip then finishes {@code finished} channels, from {@code channel}
   * on, whose {@code nodes} nodes each (consecutive, from node 0) are combined into their weight
   * gradients.
   *
   * @param first the first column
   * @param columns the number of columns
   * @param span the lanes of a channel in this strip
   * @param runs the runs of a channel's part: {@code ceil(span / CHUNK)}
   * @param nodeAt the node of the strip's first run
   * @param channel the channel of the strip's first column
   * @param finished the channels whose last lane is in this strip
   * @param nodes the nodes of a whole channel: {@code ceil(inner / CHUNK)}
   */
  public record Strip(
      int first,
      int columns,
      int span,
      int runs,
      int nodeAt,
      int channel,
      int finished,
      int nodes) {

    /** The runs of the whole strip. */
    public int allRuns() {
      return columns / span * runs;
    }
  }

  /** The most scratch the weight gradient may take: 64 MiB and a sixteenth of x's bytes. */
  public static long boundBytes(PreluShape shape, Precision precision) {
    return FIXED_BYTES + (long) shape.length() * precision.bytes() / 16;
  }

  /**
   * Whether the gradient goes by strips: when the first pass's pairs, with the CPU backend's copies
   * of a channel's lanes and blocks (each no larger than the pairs), would exceed the bound. Only a
   * shape of one block can: with two or more, a row is at most a 256th of x, and the pairs at most
   * about a 128th.
   */
  public static boolean inStrips(PreluShape shape, Precision precision) {
    long pairsBytes = 2L * shape.partials() * precision.bytes();
    return shape.length() > 0 && 3 * pairsBytes > boundBytes(shape, precision);
  }

  /** The strips of a shape that {@link #inStrips goes by strips}, in increasing column order. */
  public static List<Strip> strips(PreluShape shape) {
    int inner = shape.inner();
    int channels = shape.channels();
    if (shape.blocks() != 1 || shape.width() != shape.itemLength()) {
      throw new IllegalStateException("strips need one block of rows of one batch item: " + shape);
    }
    int nodes = nodes(inner);
    List<Strip> strips = new ArrayList<>();
    if (inner <= STRIP) {
      int perStrip = STRIP / inner;
      for (int c = 0; c < channels; c += perStrip) {
        int k = Math.min(perStrip, channels - c);
        strips.add(new Strip(c * inner, k * inner, inner, nodes, 0, c, k, nodes));
      }
    } else {
      for (int c = 0; c < channels; c++) {
        for (int l = 0; l < inner; l += STRIP) {
          int k = Math.min(STRIP, inner - l);
          int finished = l + k == inner ? 1 : 0;
          strips.add(new Strip(c * inner + l, k, k, nodes(k), l / CHUNK, c, finished, nodes));
        }
      }
    }
    return strips;
  }

  /** The columns of the widest strip of {@link #strips}. */
  public static int stripColumns(PreluShape shape) {
    int inner = shape.inner();
    return inner <= STRIP
        ? Math.min(STRIP / inner, shape.channels()) * inner
        : Math.min(STRIP, inner);
  }

  /** The nodes {@link #strips} need at once: none when a channel is one chunk. */
  public static int nodeCount(PreluShape shape) {
    int inner = shape.inner();
    int nodes = nodes(inner);
    if (nodes == 1) {
      return 0;
    }
    return inner <= STRIP ? stripColumns(shape) / inner * nodes : nodes;
  }

  /**
   * The scratch bytes of the weight gradient on a device: the pairs, or a strip's pairs and the
   * nodes.
   */
  public static long deviceBytes(PreluShape shape, Precision precision) {
    long pairs =
        inStrips(shape, precision)
            ? (long) stripColumns(shape) + nodeCount(shape)
            : shape.partials();
    return 2 * pairs * precision.bytes();
  }

  private static int nodes(int lanes) {
    return (lanes + CHUNK - 1) / CHUNK;
  }
}
