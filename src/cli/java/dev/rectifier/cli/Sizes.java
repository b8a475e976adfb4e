package dev.rectifier.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Element counts on the command line: a positive integer with an optional suffix K (2^10) or M
 * (2^20), e.g. {@code 7}, {@code 64K}, {@code 16M}.
 */
final class Sizes implements ITypeConverter<Integer> {
  /** The largest Java array length the JVM reliably allocates. */
  static final int MAX = Integer.MAX_VALUE - 8;

  @Override
  public Integer convert(String text) {
    return parse(text);
  }

  /**
   * The element count {@code text} names.
   *
   * @throws TypeConversionException if it is not a positive count up to {@link #MAX}
   */
  static int parse(String text) {
    String s = text.trim().toUpperCase(Locale.ROOT);
    int shift = s.endsWith("K") ? 10 : s.endsWith("M") ? 20 : 0;
    String digits = shift == 0 ? s : s.substring(0, s.length() - 1);
    if (!digits.matches("[0-9]{1,10}")) {
      throw new TypeConversionException(
          "'" + text + "' is not an element count (a positive integer, optionally with K or M)");
    }
    long count = Long.parseLong(digits) << shift;
    if (count < 1 || count > MAX) {
      throw new TypeConversionException(
          "'" + text + "' is out of range: an element count is from 1 to " + MAX);
    }
    return (int) count;
  }

  /** {@code count} as {@link #parse} reads it, shortest first: 16M, 64K, 1000. */
  static String format(int count) {
    if (count % (1 << 20) == 0) {
      return (count >> 20) + "M";
    }
    return count % (1 << 10) == 0 ? (count >> 10) + "K" : Integer.toString(count);
  }
}
