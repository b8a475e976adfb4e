package dev.rectifier.spark.expressions;

import dev.rectifier.Rectifier;
import dev.rectifier.spark.executor.ExecutorRectifiers;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;

/**
 * Moves a row's array in and out of the Java arrays the library takes, with one bulk copy each way:
 * in, into scratch arrays reused from row to row (one instance per generated class, so per task);
 * out, straight into the result's {@link UnsafeArrayData}, with the inputs' null elements marked
 * null. Public for the generated code.
 */
public final class RowArrays {
  private final float[][] floats = {new float[0], new float[0]};
  private final double[][] doubles = {new double[0], new double[0]};

  /** Scratch arrays for one task. */
  public RowArrays() {}

  /** The elements of {@code a} in scratch array {@code slot} (0 or 1), which may be longer. */
  public float[] floats(ArrayData a, int slot) {
    int n = a.numElements();
    if (floats[slot].length < n) {
      floats[slot] = new float[n];
    }
    float[] to = floats[slot];
    if (a instanceof UnsafeArrayData u) {
      Platform.copyMemory(
          u.getBaseObject(), dataOffset(u), to, Platform.FLOAT_ARRAY_OFFSET, 4L * n);
    } else {
      System.arraycopy(a.toFloatArray(), 0, to, 0, n);
    }
    return to;
  }

  /** As {@link #floats(ArrayData, int)}, for double. */
  public double[] doubles(ArrayData a, int slot) {
    int n = a.numElements();
    if (doubles[slot].length < n) {
      doubles[slot] = new double[n];
    }
    double[] to = doubles[slot];
    if (a instanceof UnsafeArrayData u) {
      Platform.copyMemory(
          u.getBaseObject(), dataOffset(u), to, Platform.DOUBLE_ARRAY_OFFSET, 8L * n);
    } else {
      System.arraycopy(a.toDoubleArray(), 0, to, 0, n);
    }
    return to;
  }

  /**
   * The first {@code n} elements of {@code result} as a new array, null where {@code x} or {@code
   * dy} (which may be null) has a null element.
   */
  public static ArrayData floatResult(float[] result, int n, ArrayData x, ArrayData dy) {
    return withNulls(
        UnsafeArrayData.fromPrimitiveArray(result, Platform.FLOAT_ARRAY_OFFSET, n, 4), x, dy);
  }

  /** As {@link #floatResult}, for double. */
  public static ArrayData doubleResult(double[] result, int n, ArrayData x, ArrayData dy) {
    return withNulls(
        UnsafeArrayData.fromPrimitiveArray(result, Platform.DOUBLE_ARRAY_OFFSET, n, 8), x, dy);
  }

  /**
   * Throws if {@code x} and {@code dy} differ in length, naming {@code function} and the lengths.
   */
  public static void checkLengths(String function, ArrayData x, ArrayData dy) {
    if (x.numElements() != dy.numElements()) {
      throw new IllegalArgumentException(
          function
              + ": x and dy differ in length in this row: x has "
              + x.numElements()
              + " elements, dy "
              + dy.numElements());
    }
  }

  /** Declares the generated class's Rectifier, the executor's ({@link ExecutorRectifiers}). */
  static String rectifierState(CodegenContext ctx) {
    return ctx.addMutableState(
        Rectifier.class.getName(),
        "rectifier",
        v -> v + " = " + ExecutorRectifiers.class.getName() + ".get();",
        false,
        true);
  }

  /** Declares the generated class's scratch arrays. */
  static String rowArraysState(CodegenContext ctx) {
    String type = RowArrays.class.getName();
    return ctx.addMutableState(type, "rowArrays", v -> v + " = new " + type + "();", false, true);
  }

  private static long dataOffset(UnsafeArrayData a) {
    return a.getBaseOffset() + UnsafeArrayData.calculateHeaderPortionInBytes(a.numElements());
  }

  private static ArrayData withNulls(UnsafeArrayData out, ArrayData x, ArrayData dy) {
    copyNulls(x, out);
    copyNulls(dy, out);
    return out;
  }

  private static void copyNulls(ArrayData from, UnsafeArrayData to) {
    if (from == null || !mayHaveNulls(from)) {
      return;
    }
    for (int i = 0; i < from.numElements(); i++) {
      if (from.isNullAt(i)) {
        to.setNullAt(i);
      }
    }
  }

  /** False where the array's null bits, read a word at a time, are all clear. */
  private static boolean mayHaveNulls(ArrayData a) {
    if (!(a instanceof UnsafeArrayData u)) {
      return true;
    }
    long words = (u.numElements() + 63L) / 64;
    for (long w = 0; w < words; w++) {
      if (Platform.getLong(u.getBaseObject(), u.getBaseOffset() + 8 + 8 * w) != 0) {
        return true;
      }
    }
    return false;
  }
}
