package dev.rectifier.cli;

import dev.rectifier.Precision;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The Java arrays one {@code rectifier bench} case holds at once, so that sizes the heap cannot
 * hold are refused before anything runs instead of ending in an {@link OutOfMemoryError}.
 */
final class BenchMemory {
  private BenchMemory() {}

  /**
   * Bytes of arrays a case of {@code op} on {@code size} elements of {@code precision} holds at its
   * peak with {@code backends} backends: {@code x}, {@code dy} and the contract's result; a {@code
   * double[]} the test arrays are built from; then either the copy baseline's two arrays (as many
   * bytes as the op moves) or an output per backend with the kernel timer's upload and read back.
   */
  static long peakBytes(BenchOp op, Precision precision, int size, int backends) {
    long array = (long) size * precision.bytes();
    long scratch = (long) size * Double.BYTES;
    long copyBaseline = op.arrays() * array;
    long outputs = (backends + 2L) * array;
    return 3 * array + scratch + Math.max(copyBaseline, outputs);
  }

  /**
   * Throws a usage error naming {@code --sizes} if the largest case needs more than {@code maxHeap}
   * bytes of arrays.
   */
  static void require(
      CommandSpec spec,
      List<BenchOp> ops,
      List<Precision> precisions,
      List<Integer> sizes,
      int backends,
      long maxHeap) {
    long most = 0;
    String largest = null;
    for (Precision p : precisions) {
      for (int size : sizes) {
        for (BenchOp op : ops) {
          long bytes = peakBytes(op, p, size, backends);
          if (bytes > most) {
            most = bytes;
            largest =
                Sizes.format(size)
                    + " needs "
                    + bytes(bytes)
                    + " of arrays for "
                    + EnumNames.of(op)
                    + " in "
                    + EnumNames.of(p);
          }
        }
      }
    }
    Usage.require(
        most <= maxHeap,
        spec,
        "--sizes",
        largest
            + " (inputs, the reference result, an output per backend), more than the heap's"
            + " maximum of "
            + bytes(maxHeap)
            + "; bench smaller sizes or give Java more heap (java -Xmx)");
  }

  /** {@code bytes} in MiB or GiB, e.g. {@code 36.0 GiB}. */
  static String bytes(long bytes) {
    double mib = bytes / (double) (1L << 20);
    return mib >= 1024
        ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024)
        : String.format(Locale.ROOT, "%.0f MiB", mib);
  }
}
