package dev.rectifier.calls;

import dev.rectifier.DeviceArray;
import dev.rectifier.backend.Footprint;

/**
 * The checks of a call on device arrays that look at their memory, for arrays over a user's buffers
 * ({@code Rectifier.wrap}): two arguments share memory only where the op runs in place, as two
 * ranges of one Java array may, and each argument is used as its buffer's flags allow.
 */
public final class MemoryChecks {
  private MemoryChecks() {}

  /**
   * Checks that {@code array}'s buffer allows {@code use}.
   *
   * @throws IllegalArgumentException naming the argument and the flag, if it does not
   */
  public static void requireAllowed(DeviceArray array, String name, Footprint.Use use) {
    if (array == null) {
      return;
    }
    String refusal = footprint(array).refusal(use);
    if (refusal != null) {
      throw new IllegalArgumentException(name + " wraps a buffer " + refusal);
    }
  }

  /**
   * Checks that the output {@code out} is the same memory as the input {@code in} (in place) or
   * shares none of it; a null {@code in} is fine.
   *
   * @throws IllegalArgumentException naming both, if they partly share memory
   */
  public static void requireSameOrApart(
      DeviceArray out, String outName, DeviceArray in, String inName) {
    if (in == null || in == out) {
      return;
    }
    Footprint o = footprint(out);
    Footprint i = footprint(in);
    Footprint.Region shared = o.overlap(i);
    if (shared != null && !o.regions().equals(i.regions())) {
      throw new IllegalArgumentException(
          outName
              + " partly shares memory with "
              + inName
              + where(outName, o, inName, i)
              + "; use the same memory (in place) or memory that does not overlap");
    }
  }

  /**
   * Checks that {@code a} and {@code b} share no memory, where {@code a} is written while {@code b}
   * is in use.
   *
   * @throws IllegalArgumentException naming both, if they do
   */
  public static void requireApart(DeviceArray a, String aName, DeviceArray b, String bName) {
    if (b == null) {
      return;
    }
    Footprint fa = footprint(a);
    Footprint fb = footprint(b);
    if (fa.overlap(fb) != null) {
      throw new IllegalArgumentException(
          aName
              + " shares memory with "
              + bName
              + where(aName, fa, bName, fb)
              + ": it is written while "
              + bName
              + " is in use");
    }
  }

  /**
   * Checks that elements {@code [from, from + n)} of {@code source} and {@code [to, to + n)} of
   * another array {@code target} share no memory, for a copy between them.
   *
   * @throws IllegalArgumentException naming both ranges, if they do
   */
  public static void requireApart(
      DeviceArray source,
      String sourceName,
      int from,
      DeviceArray target,
      String targetName,
      int to,
      int n) {
    Footprint s = footprint(source);
    Footprint t = footprint(target);
    if (s.overlap(t) == null) {
      return;
    }
    long bytes = source.precision().bytes();
    boolean apart =
        s.regions().size() == 1
            && t.regions().size() == 1
            && !s.regions()
                .get(0)
                .slice(from * bytes, (from + (long) n) * bytes)
                .overlaps(t.regions().get(0).slice(to * bytes, (to + (long) n) * bytes));
    if (!apart) {
      throw new IllegalArgumentException(
          "elements ["
              + from
              + ", "
              + (from + (long) n)
              + ") of "
              + sourceName
              + " and ["
              + to
              + ", "
              + (to + (long) n)
              + ") of "
              + targetName
              + " share memory"
              + where(sourceName, s, targetName, t));
    }
  }

  private static Footprint footprint(DeviceArray array) {
    return DeviceArrayAccess.get().footprint(array);
  }

  /** E.g. {@code (y is bytes [0, 4096) of cl_mem[0x...], x is bytes [128, 4224) of ...)}. */
  private static String where(String aName, Footprint a, String bName, Footprint b) {
    return " (" + aName + " is " + regions(a) + ", " + bName + " is " + regions(b) + ")";
  }

  /** The regions of {@code f}, e.g. {@code bytes [0, 4096) of cl_mem[0x...]}. */
  private static String regions(Footprint f) {
    return f.regions().size() == 1 ? f.regions().get(0).toString() : f.regions().toString();
  }
}
